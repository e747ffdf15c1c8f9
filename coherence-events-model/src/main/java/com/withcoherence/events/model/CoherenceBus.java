package com.withcoherence.events.model;

import java.util.Optional;

/**
 * The EventBridge bus Coherence sends an application's events to, and the constants that identify those events.
 *
 * <p>Coherence creates one bus per application in the non-production account, named
 * {@code {app-name-and-hash}-coherence-events}, and sends every event with source {@value #SOURCE} and detail-type
 * {@value #NEW_ENVIRONMENTS} or {@value #VALID_ENVIRONMENTS}:
 *
 * <pre>{@code
 * CoherenceBus bus = CoherenceBus.forApp("12309ijsdf-your-app-name");
 * bus.name();                              // "12309ijsdf-your-app-name-coherence-events"
 * bus.arn("us-east-1", "123456789012");    // "arn:aws:events:us-east-1:123456789012:event-bus/12309ijsdf-…"
 * CoherenceBus.of("arn:aws:events:us-east-1:123456789012:event-bus/my-bus").name();   // "my-bus"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the bus name: 1 to 256 characters of {@code A-Z a-z 0-9 . - _}, and not {@code default} (Coherence
 *     never uses the default bus)
 */
public record CoherenceBus(String name) {

    /** The {@code source} of every Coherence event: {@value}. */
    public static final String SOURCE = "Coherence";

    /** The {@code detail-type} of the event listing the environments a run created: {@value}. */
    public static final String NEW_ENVIRONMENTS = "new_environments";

    /** The {@code detail-type} of the event listing every environment active now: {@value}. */
    public static final String VALID_ENVIRONMENTS = "valid_environments";

    /** The suffix Coherence appends to the application's name and hash to name its bus: {@value}. */
    public static final String NAME_SUFFIX = "-coherence-events";

    private static final int MAX_NAME_LENGTH = 256;

    /**
     * Validates the name.
     *
     * @param name the bus name: 1 to 256 characters of {@code A-Z a-z 0-9 . - _}, and not {@code default} (Coherence
     *     never uses the default bus)
     * @throws CoherenceEventException if the name is {@code null}, empty, longer than 256 characters, holds a
     *     character EventBridge does not allow in a custom bus name, or is {@code default}
     */
    public CoherenceBus {
        if (name == null || name.isEmpty()) {
            throw CoherenceEventException.about("Invalid bus", "", "the bus name must be a non-empty string; pass the name of the "
                    + "'…" + NAME_SUFFIX + "' bus Coherence created, or use CoherenceBus.forApp(appNameAndHash).");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw CoherenceEventException.about("Invalid bus", "", "the bus name has " + name.length() + " characters but EventBridge "
                    + "allows at most " + MAX_NAME_LENGTH + ".");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isNameChar(c)) {
                throw CoherenceEventException.about("Invalid bus", "", "the bus name '" + name + "' has the character '" + c
                        + "' at index " + i + "; EventBridge bus names use only A-Z, a-z, 0-9, '.', '-' and '_'. "
                        + "To name a bus by ARN use CoherenceBus.of(arn).");
            }
        }
        if (name.equals("default")) {
            throw CoherenceEventException.about("Invalid bus", "", "Coherence never sends to the 'default' bus; pass the name of the '…"
                    + NAME_SUFFIX + "' bus Coherence created in the non-production account.");
        }
    }

    /**
     * Returns the bus Coherence creates for an application.
     *
     * @param appNameAndHash the application's name and hash as Coherence uses it, e.g. {@code 12309ijsdf-your-app-name}
     * @return the bus named {@code appNameAndHash + "-coherence-events"}, never {@code null}
     * @throws CoherenceEventException if the resulting name is not a valid bus name
     */
    public static CoherenceBus forApp(String appNameAndHash) {
        if (appNameAndHash == null || appNameAndHash.isEmpty()) {
            throw CoherenceEventException.about("Invalid bus", "", "the application name and hash must be a non-empty string such as "
                    + "'12309ijsdf-your-app-name'.");
        }
        return new CoherenceBus(appNameAndHash + NAME_SUFFIX);
    }

    /**
     * Returns the bus with the given name or ARN.
     *
     * @param nameOrArn a bus name, or an ARN such as {@code arn:aws:events:us-east-1:123456789012:event-bus/NAME}
     * @return the bus, never {@code null}
     * @throws CoherenceEventException if the value is neither a valid bus name nor an event-bus ARN
     */
    public static CoherenceBus of(String nameOrArn) {
        if (nameOrArn != null && nameOrArn.startsWith("arn:")) {
            String[] parts = nameOrArn.split(":", 6);
            if (parts.length != 6 || !parts[2].equals("events") || !parts[5].startsWith("event-bus/")) {
                throw CoherenceEventException.about("Invalid bus", "", "'" + nameOrArn + "' is not an event-bus ARN; expected "
                        + "arn:aws:events:REGION:ACCOUNT:event-bus/NAME.");
            }
            return new CoherenceBus(parts[5].substring("event-bus/".length()));
        }
        return new CoherenceBus(nameOrArn);
    }

    /**
     * Returns the application name and hash this bus was named after, when the name follows Coherence's convention.
     *
     * @return the name without {@value #NAME_SUFFIX}, or empty if the name does not end with it
     */
    public Optional<String> appNameAndHash() {
        if (name.endsWith(NAME_SUFFIX) && name.length() > NAME_SUFFIX.length()) {
            return Optional.of(name.substring(0, name.length() - NAME_SUFFIX.length()));
        }
        return Optional.empty();
    }

    /**
     * Returns the bus's ARN in the {@code aws} partition.
     *
     * @param region the AWS Region, e.g. {@code us-east-1}
     * @param accountId the AWS account id
     * @return {@code arn:aws:events:REGION:ACCOUNT:event-bus/NAME}, never {@code null}
     * @throws CoherenceEventException if {@code region} or {@code accountId} is empty or holds a ':'
     */
    public String arn(String region, String accountId) {
        return arn("aws", region, accountId);
    }

    /**
     * Returns the bus's ARN in the given partition.
     *
     * @param partition the partition, e.g. {@code aws}, {@code aws-cn} or {@code aws-us-gov}
     * @param region the AWS Region, e.g. {@code us-east-1}
     * @param accountId the AWS account id
     * @return {@code arn:PARTITION:events:REGION:ACCOUNT:event-bus/NAME}, never {@code null}
     * @throws CoherenceEventException if an argument is empty or holds a ':'
     */
    public String arn(String partition, String region, String accountId) {
        return "arn:" + arnPart(partition, "partition") + ":events:" + arnPart(region, "region") + ":"
                + arnPart(accountId, "accountId") + ":event-bus/" + name;
    }

    private static String arnPart(String value, String what) {
        if (value == null || value.isEmpty() || value.indexOf(':') >= 0) {
            throw CoherenceEventException.about("Invalid bus", "", what + " must be a non-empty string without ':' to build an ARN, "
                    + "but was " + (value == null ? "null" : "'" + value + "'") + ".");
        }
        return value;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-' || c == '_';
    }
}
