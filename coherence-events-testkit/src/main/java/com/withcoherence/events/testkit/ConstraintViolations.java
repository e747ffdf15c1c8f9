package com.withcoherence.events.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects the request-member constraint violations of one call and reports them as the service does:
 * {@code 1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: Member must …}, every
 * violation of the request in one {@code ValidationException}.
 */
final class ConstraintViolations {

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
            add(value.toString(), member, "Member must have length greater than or equal to " + min);
        } else if (value.size() > max) {
            add(value.toString(), member, "Member must have length less than or equal to " + max);
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
        violations.add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint);
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
