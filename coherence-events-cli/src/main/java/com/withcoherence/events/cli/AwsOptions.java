package com.withcoherence.events.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import com.withcoherence.events.client.CoherenceClientException;
import com.withcoherence.events.client.CoherenceEventsClient;

/**
 * The options of every command that calls EventBridge: real AWS through the default credential and Region chains, or
 * any endpoint (the loopback one of {@code serve}, LocalStack, …) with {@code --endpoint-url}.
 */
final class AwsOptions {

    /** The endpoint of --endpoint-url: an absolute http or https URL with a host, or null for AWS's. */
    URI endpointUrl;

    /** The Region the client was built for, to name AWS's endpoint when it cannot be reached. */
    private Region calledRegion;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Call this EventBridge endpoint instead of AWS's, e.g. http://127.0.0.1:4010 from "
                    + "'coherence-events serve'. A loopback endpoint needs no credentials.")
    void endpointUrl(String value) {
        try {
            endpointUrl = checkEndpointUrl(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Option(names = "--region", paramLabel = "REGION",
            description = "The AWS Region; defaults to the Region of a bus given by ARN, then AWS_REGION, then "
                    + "AWS_DEFAULT_REGION, then the profile's Region.")
    String region;

    /**
     * Builds the EventBridge client the command uses for a bus; the caller closes it.
     *
     * @param bus the bus's name or ARN: an ARN's Region is the one to call, as EventBridge serves a bus only in its
     *     own Region
     */
    EventBridgeClient eventBridge(String bus) {
        boolean loopback = endpointUrl != null && isLoopback(endpointUrl);
        calledRegion = region(loopback, bus);
        software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder builder = EventBridgeClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(calledRegion)
                .credentialsProvider(credentials(loopback));
        if (endpointUrl != null) {
            builder.endpointOverride(endpointUrl);
        }
        return builder.build();
    }

    /**
     * Checks --endpoint-url as soon as it is parsed. The SDK takes any URI and fails late and obscurely: without a
     * scheme ({@code localhost:4010}) with a URISyntaxException, with another scheme when it sends the first request.
     *
     * @throws IllegalArgumentException saying what is wrong and what to write instead
     */
    static URI checkEndpointUrl(String value) {
        String option = "--endpoint-url " + value;
        if (!value.contains("://")) {
            throw new IllegalArgumentException(option + " is not an http(s) URL; write http://" + value
                    + (value.startsWith("127.") || value.startsWith("localhost") ? "" : " (or https://" + value + ")")
                    + ".");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + " is not a valid URL: " + e.getReason() + " at index "
                    + e.getIndex() + "; write it as http://HOST:PORT or https://HOST.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(option + " is not an http(s) URL: EventBridge endpoints are http:// "
                    + "or https:// URLs; write http://" + value.substring(value.indexOf("://") + 3) + ".");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(option + " has no host name; write it as http://HOST:PORT or "
                    + "https://HOST, e.g. http://127.0.0.1:4010.");
        }
        return uri;
    }

    private Region region(boolean loopback, String bus) {
        return region(region, bus, loopback, System::getenv, () -> new DefaultAwsRegionProviderChain().getRegion());
    }

    /**
     * The Region to call: {@code --region}; else the Region of a bus given by ARN; else the SDK's chain (the
     * {@code aws.region} property, {@code AWS_REGION}, the profile, the instance), with {@code AWS_DEFAULT_REGION}
     * (the AWS CLI's variable, which the SDK does not read) before the profile; else, for a loopback endpoint,
     * us-east-1.
     *
     * @param environment the environment variables, {@code System::getenv} but in tests
     * @param chain the SDK's Region provider chain; throws {@link SdkClientException} when it finds none
     */
    static Region region(String option, String bus, boolean loopback, Function<String, String> environment,
            Supplier<Region> chain) {
        String[] arn = bus == null ? new String[0] : bus.split(":", 6);
        String busRegion = arn.length == 6 && arn[0].equals("arn") && !arn[3].isEmpty() ? arn[3] : null;
        if (option != null) {
            if (busRegion != null && !busRegion.equals(option)) {
                throw new CliException(ExitCode.USAGE, "--region " + option + " but the bus " + bus + " is in "
                        + busRegion + ", and EventBridge serves a bus only in its own Region; drop --region (the "
                        + "bus's Region is used) or pass the bus of " + option + ".");
            }
            return Region.of(option);
        }
        if (busRegion != null) {
            return Region.of(busRegion);
        }
        String awsCliRegion = environment.apply("AWS_DEFAULT_REGION");
        if (isBlank(System.getProperty("aws.region")) && isBlank(environment.apply("AWS_REGION"))
                && !isBlank(awsCliRegion)) {
            return Region.of(awsCliRegion.strip());
        }
        try {
            return chain.get();
        } catch (SdkClientException e) {
            if (loopback) {
                return Region.US_EAST_1;
            }
            throw new CliException(ExitCode.USAGE, "no AWS Region: pass --region, or set AWS_REGION or "
                    + "AWS_DEFAULT_REGION (or a region in your AWS profile).");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static AwsCredentialsProvider credentials(boolean loopback) {
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        if (!loopback) {
            return chain;
        }
        try {
            chain.resolveCredentials();
            return chain;
        } catch (SdkClientException e) {
            // A loopback emulator accepts any signature: spare the user from inventing credentials.
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
    }

    private static boolean isLoopback(URI uri) {
        try {
            return uri.getHost() != null && InetAddress.getByName(uri.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A client of the bus on {@code eventBridge}; its checks of the bus fail as {@link #call} fails. */
    CoherenceEventsClient client(EventBridgeClient eventBridge, String bus) {
        return call("connecting", () -> CoherenceEventsClient.builder().eventBridge(eventBridge).bus(bus).build());
    }

    /** Runs an AWS call, turning every failure into one line and exit code 2. */
    <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (CoherenceClientException e) {
            // The client wraps the SDK's failures: one that never reached EventBridge gets the CLI's own words.
            Optional<IOException> network = networkFailure(e);
            if (network.isPresent() && e.awsErrorCode().isEmpty() && !CliMessages.isMissingCredentials(e)) {
                throw new CliException(ExitCode.USAGE, unreachable(what, network.get()), e);
            }
            throw new CliException(ExitCode.USAGE, CliMessages.of(e), e);
        } catch (AwsServiceException e) {
            throw new CliException(ExitCode.USAGE, what + " failed: " + e.awsErrorDetails().errorCode() + ": "
                    + e.awsErrorDetails().errorMessage(), e);
        } catch (SdkClientException e) {
            if (CliMessages.isMissingCredentials(e)) {
                throw new CliException(ExitCode.USAGE, CliMessages.NO_CREDENTIALS, e);
            }
            Optional<IOException> network = networkFailure(e);
            if (network.isPresent()) {
                throw new CliException(ExitCode.USAGE, unreachable(what, network.get()), e);
            }
            throw new CliException(ExitCode.USAGE, what + " failed: " + CliMessages.oneLine(e.getMessage()), e);
        } catch (SdkException e) {
            throw new CliException(ExitCode.USAGE, what + " failed: " + CliMessages.oneLine(e.getMessage()), e);
        }
    }

    /** The I/O failure under an SDK failure: the request never got an answer from EventBridge. */
    private static Optional<IOException> networkFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return Optional.of((IOException) cause);
            }
        }
        return Optional.empty();
    }

    /** Names the endpoint that could not be reached, why, and what to check: the user's option, not the SDK's. */
    String unreachable(String what, IOException cause) {
        String why;
        if (cause instanceof UnknownHostException) {
            why = "its host name does not resolve (" + cause.getMessage() + ")";
        } else if (cause instanceof ConnectException) {
            why = "the connection was refused";
        } else if (cause instanceof SocketTimeoutException) {
            why = "it did not answer in time";
        } else {
            why = cause.getMessage() == null ? cause.getClass().getSimpleName() : CliMessages.oneLine(
                    cause.getMessage());
        }
        if (endpointUrl != null) {
            String fix = isLoopback(endpointUrl) ? "Is 'coherence-events serve' (or your emulator) running on port "
                    + (endpointUrl.getPort() >= 0 ? endpointUrl.getPort()
                            : endpointUrl.getScheme().equalsIgnoreCase("https") ? 443 : 80)
                    + "? Otherwise check --endpoint-url."
                    : "Check --endpoint-url and your network.";
            return what + " failed: cannot reach EventBridge at " + endpointUrl + ": " + why + ". " + fix;
        }
        String region = calledRegion == null ? "" : calledRegion.id();
        String where = calledRegion == null ? "AWS"
                : "https://" + EventBridgeClient.serviceMetadata().endpointFor(calledRegion)
                        + " (AWS's endpoint in " + region + ")";
        return what + " failed: cannot reach EventBridge at " + where + ": " + why + ". Check --region, your "
                + "network and proxy, or pass --endpoint-url to call another endpoint (such as 'coherence-events "
                + "serve').";
    }
}
