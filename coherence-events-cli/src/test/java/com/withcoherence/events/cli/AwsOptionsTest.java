package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** How the AWS commands reach EventBridge: the HTTP client, the Region and the credentials they use. */
class AwsOptionsTest {

    @Test
    void carriesOnlyTheUrlConnectionHttpClient() throws Exception {
        // The client module brings the SDK's default HTTP clients for its users; the CLI excludes them (a bigger jar
        // and a slower start for nothing), and its class path is what goes into its jar.
        Class.forName("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient");
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("software.amazon.awssdk.http.apache5.Apache5HttpClient"));
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient"));
    }
}
