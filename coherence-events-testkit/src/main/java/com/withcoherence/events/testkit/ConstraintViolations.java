package com.withcoherence.events.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects the request-member constraint violations of one call and reports them as the service does:
 * {@code 1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: Member must …}, every
 * violation of the request in one {@code ValidationException}.
 *
 * <p>Unlike the service, which quotes whole values (eleven PutEvents entries, details and all), a message quotes a
 * value only up to {@value #MAX_QUOTED} characters and says how long it was, quotes a payload member
 * ({@link #PAYLOAD_MEMBERS}) or a list of structures not at all: error messages reach logs, test reports and
 * terminals, and must neither carry what the events carry nor grow with the request.
 */
final class ConstraintViolations {

    /** The most characters of a request value an error message quotes; a longer value is cut and measured. */
    static final int MAX_QUOTED = 256;

    /** Members whose values are payloads, never quoted: what a target receives or an event carries. */
    static final Set<String> PAYLOAD_MEMBERS = Set.of("input", "inputTemplate", "detail", "event");

    /** Names of rules, targets: 1 to 64 of these characters (API model {@code RuleName}, {@code TargetId}). */
    static final Pattern NAME = Pattern.compile("[\\.\\-_A-Za-z0-9]+");
    static final String NAME_TEXT = "[\\.\\-_A-Za-z0-9]+";

    /** Event bus names as CreateEventBus takes them (API model {@code EventBusName}). */
    static final Pattern BUS_NAME = Pattern.compile("[/\\.\\-_A-Za-z0-9]+");
    static final String BUS_NAME_TEXT = "[/\\.\\-_A-Za-z0-9]+";

    /** A bus named by name or ARN, where a rule or an entry refers to one (API model {@code EventBusNameOrArn}). */
    static final Pattern BUS_NAME_OR_ARN = Pattern.compile(
            "(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus/)?[/\\.\\-_A-Za-z0-9]+");
    static final String BUS_NAME_OR_ARN_TEXT =
            "(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+";

    private final List<String> violations = new ArrayList<>();

    ConstraintViolations required(Object value, String member) {
        if (value == null) {
            violations.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    ConstraintViolations length(String value, String member, int min, int max) {
        if (value == null) {
            return this;
        }
        if (value.length() < min) {
            add(value, member, "Member must have length greater than or equal to " + min);
        } else if (value.length() > max) {
            add(value, member, "Member must have length less than or equal to " + max);
        }
        return this;
    }

    ConstraintViolations size(List<?> value, String member, int min, int max) {
        if (value == null) {
            return this;
        }
        if (value.size() < min) {
            addQuoted(quoteList(value), member, "Member must have length greater than or equal to " + min);
        } else if (value.size() > max) {
            addQuoted(quoteList(value), member, "Member must have length less than or equal to " + max);
        }
        return this;
    }

    ConstraintViolations matches(String value, String member, Pattern pattern, String patternText) {
        if (value != null && !value.isEmpty() && !pattern.matcher(value).matches()) {
            add(value, member, "Member must satisfy regular expression pattern: " + patternText);
        }
        return this;
    }

    ConstraintViolations range(Integer value, String member, int min, int max) {
        if (value == null) {
            return this;
        }
        if (value < min) {
            add(String.valueOf(value), member, "Member must have value greater than or equal to " + min);
        } else if (value > max) {
            add(String.valueOf(value), member, "Member must have value less than or equal to " + max);
        }
        return this;
    }

    private void add(String value, String member, String constraint) {
        String leaf = member.substring(member.lastIndexOf('.') + 1);
        addQuoted(PAYLOAD_MEMBERS.contains(leaf) ? "(" + value.length() + " characters, not shown)" : quote(value),
                member, constraint);
    }

    private void addQuoted(String quoted, String member, String constraint) {
        violations.add("Value '" + quoted + "' at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    /**
     * A request value as an error message may quote it: whole up to {@value #MAX_QUOTED} characters, else its start
     * and its length.
     */
    static String quote(String value) {
        if (value.length() <= MAX_QUOTED) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
        return value.substring(0, end) + "... (" + value.length() + " characters)";
    }

    /**
     * A list as an error message may quote it: a list of strings or numbers as the service writes it, within
     * {@value #MAX_QUOTED} characters; a list of structures (entries, targets) by count and type only.
     */
    static String quoteList(List<?> values) {
        Object structure = null;
        for (Object value : values) {
            if (value != null && !(value instanceof CharSequence || value instanceof Number
                    || value instanceof Boolean)) {
                structure = value;
                break;
            }
        }
        if (structure == null) {
            return quote(values.toString());
        }
        String type = structure instanceof PutEventsEntry ? "PutEventsRequestEntry"
                : structure.getClass().getSimpleName();
        return "[" + values.size() + " " + type + (values.size() == 1 ? " item" : " items") + ", not shown]";
    }

    boolean isEmpty() {
        return violations.isEmpty();
    }

    /** Throws the service's {@code ValidationException} for everything collected, if anything was. */
    void throwIfAny() {
        if (violations.isEmpty()) {
            return;
        }
        int n = violations.size();
        throw EventBridgeServiceException.validation(n + (n == 1 ? " validation error" : " validation errors")
                + " detected: " + String.join("; ", violations));
    }
}
