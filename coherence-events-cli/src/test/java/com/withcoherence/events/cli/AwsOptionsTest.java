package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/** How the AWS commands reach EventBridge: the HTTP client, the Region and the credentials they use. */
class AwsOptionsTest {

    private static final Supplier<Region> NO_REGION_IN_THE_CHAIN = () -> {
        throw SdkClientException.create("Unable to load region from any of the providers in the chain");
    };

    private static Region region(String option, String bus, boolean loopback, Map<String, String> environment,
            Supplier<Region> chain) {
        return AwsOptions.region(option, bus, loopback, environment::get, chain);
    }

    @Test
    void readsTheAwsClisRegionVariableTooAsTheReadmeSetsIt() {
        assertEquals(Region.EU_WEST_1, region(null, "b", false, Map.of("AWS_DEFAULT_REGION", "eu-west-1"),
                NO_REGION_IN_THE_CHAIN));
        assertEquals(Region.US_WEST_2, region(null, "b", false, Map.of("AWS_REGION", "us-west-2",
                "AWS_DEFAULT_REGION", "eu-west-1"), () -> Region.US_WEST_2), "the SDK's AWS_REGION comes first");
    }

    @Test
    void prefersTheOptionThenTheBussOwnRegion() {
        String busArn = "arn:aws:events:eu-central-1:123456789012:event-bus/b";
        assertEquals(Region.AP_SOUTHEAST_2, region("ap-southeast-2", "b", false, Map.of("AWS_REGION", "us-west-2"),
                () -> Region.US_WEST_2));
        assertEquals(Region.EU_CENTRAL_1, region(null, busArn, false, Map.of("AWS_DEFAULT_REGION", "eu-west-1"),
                () -> Region.US_WEST_2));
    }

    @Test
    void namesBothVariablesWhenThereIsNoRegion() {
        CliException e = assertThrows(CliException.class, () -> region(null, "b", false, Map.of(),
                NO_REGION_IN_THE_CHAIN));

        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("no AWS Region: pass --region, or set AWS_REGION or AWS_DEFAULT_REGION (or a region in your AWS "
                + "profile).", e.getMessage());
        assertEquals(Region.US_EAST_1, region(null, "b", true, Map.of(), NO_REGION_IN_THE_CHAIN),
                "a loopback endpoint needs none");
    }

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

    @Test
    void acceptsAnAbsoluteHttpOrHttpsUrlWithAHost() {
        assertEquals(URI.create("http://127.0.0.1:4010"), AwsOptions.checkEndpointUrl("http://127.0.0.1:4010"));
        assertEquals(URI.create("https://events.eu-west-1.amazonaws.com"),
                AwsOptions.checkEndpointUrl("https://events.eu-west-1.amazonaws.com"));
        assertEquals(URI.create("http://[::1]:4010"), AwsOptions.checkEndpointUrl("http://[::1]:4010"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "localhost:4010 | --endpoint-url localhost:4010 is not an http(s) URL; write http://localhost:4010.",
        "127.0.0.1:4010 | --endpoint-url 127.0.0.1:4010 is not an http(s) URL; write http://127.0.0.1:4010.",
        "ftp://localhost:4010 | --endpoint-url ftp://localhost:4010 is not an http(s) URL: EventBridge endpoints are "
                + "http:// or https:// URLs; write http://localhost:4010.",
        "http:///events | --endpoint-url http:///events has no host name; write it as http://HOST:PORT or "
                + "https://HOST, e.g. http://127.0.0.1:4010.",
    })
    void refusesAnythingButAnHttpUrlSayingWhatToWrite(String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AwsOptions.checkEndpointUrl(value));

        assertEquals(message, e.getMessage());
    }
}
