package com.withcoherence.events.model;

/**
 * One way in which a JSON document breaks a Coherence JSON Schema, as reported by {@link CoherenceSchemas}.
 *
 * <pre>{@code
 * for (SchemaViolation v : CoherenceSchemas.validate(json)) {
 *     log.warn("{} ({}): {}", v.pointer(), v.keyword(), v.message());
 * }
 * // /time (pattern): found "2023-02-30T13:56:16Z", which does not have the required form. When the event happened: …
 * }</pre>
 *
 * <p>Violations are ordered by pointer, comparing the reference tokens of the pointers one by one (member names as
 * strings, array indices as numbers, so {@code /2} comes before {@code /10}, and a parent before its members), then by
 * keyword, then by message. That is the order of the lists {@link CoherenceSchemas} returns: it depends only on the
 * violations, never on the validator's internals or the order of members in the input.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param pointer the <a href="https://www.rfc-editor.org/rfc/rfc6901">JSON pointer</a> of the offending value,
 *     {@code ""} for the whole document; for a missing member, the pointer the member would have (as
 *     {@link CoherenceEventException#pointer()} gives it). Never {@code null}
 * @param keyword the JSON Schema keyword that failed ({@code required}, {@code type}, {@code minLength},
 *     {@code enum}, {@code pattern}, …), or {@value #JSON_KEYWORD} when the input could not be read as one JSON
 *     document at all. Never {@code null} or empty
 * @param message what is wrong and what the schema expects there, for people; never {@code null} or empty. Its
 *     wording may change between versions: match on {@code pointer} and {@code keyword}, not on the message
 */
public record SchemaViolation(String pointer, String keyword, String message)
        implements Comparable<SchemaViolation> {

    /**
     * The keyword of a violation that is not about the schema but about the input: not well-formed JSON, content
     * after the document, a duplicate key, invalid UTF-8, or input over the size and nesting limits the parser of
     * {@link CoherenceEvents} applies.
     */
    public static final String JSON_KEYWORD = "json";

    /**
     * Validates the components.
     *
     * @param pointer the JSON pointer of the offending value: {@code ""} or starting with {@code /}
     * @param keyword the JSON Schema keyword that failed, or {@value #JSON_KEYWORD}; non-empty
     * @param message what is wrong, for people; non-empty
     * @throws CoherenceEventException if a component is {@code null}, {@code keyword} or {@code message} is empty,
     *     or {@code pointer} is neither empty nor starts with {@code /}
     */
    public SchemaViolation {
        if (pointer == null || !(pointer.isEmpty() || pointer.charAt(0) == '/')) {
            throw CoherenceEventException.about("Invalid argument", "", "pointer must be a JSON pointer (\"\" or starting with '/') but was "
                    + (pointer == null ? "null" : EventReader.quote(pointer)) + ".");
        }
        if (keyword == null || keyword.isEmpty()) {
            throw CoherenceEventException.about("Invalid argument", "", "keyword must be a non-empty string (the JSON Schema keyword that "
                    + "failed, or \"" + JSON_KEYWORD + "\") but was " + (keyword == null ? "null" : "empty") + ".");
        }
        if (message == null || message.isEmpty()) {
            throw CoherenceEventException.about("Invalid argument", "", "message must be a non-empty string but was "
                    + (message == null ? "null" : "empty") + ".");
        }
    }

    /**
     * Orders violations by pointer, keyword and message; see the class description.
     *
     * @param other the violation to compare with; must not be {@code null}
     * @return a negative number, zero or a positive number as this violation comes before, with, or after
     *     {@code other}
     */
    @Override
    public int compareTo(SchemaViolation other) {
        int byPointer = comparePointers(pointer, other.pointer);
        if (byPointer != 0) {
            return byPointer;
        }
        int byKeyword = keyword.compareTo(other.keyword);
        return byKeyword != 0 ? byKeyword : message.compareTo(other.message);
    }

    /** Compares two JSON pointers token by token; tokens that are both array indices compare as numbers. */
    static int comparePointers(String a, String b) {
        int i = 0;
        int j = 0;
        // Both pointers are "" or start with '/': walk them one reference token at a time.
        while (i < a.length() && j < b.length()) {
            int endA = tokenEnd(a, i + 1);
            int endB = tokenEnd(b, j + 1);
            int byToken = compareTokens(a.substring(i + 1, endA), b.substring(j + 1, endB));
            if (byToken != 0) {
                return byToken;
            }
            i = endA;
            j = endB;
        }
        // The one that ran out first is an ancestor of the other.
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static int tokenEnd(String pointer, int from) {
        int slash = pointer.indexOf('/', from);
        return slash < 0 ? pointer.length() : slash;
    }

    private static int compareTokens(String a, String b) {
        if (isIndex(a) && isIndex(b)) {
            // Indices without leading zeros: the shorter is the smaller; equal lengths compare digit by digit.
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        return a.compareTo(b);
    }

    /** An array index token as RFC 6901 spells it: "0", or digits without a leading zero. */
    private static boolean isIndex(String token) {
        if (token.isEmpty() || (token.length() > 1 && token.charAt(0) == '0')) {
            return false;
        }
        for (int k = 0; k < token.length(); k++) {
            char c = token.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
