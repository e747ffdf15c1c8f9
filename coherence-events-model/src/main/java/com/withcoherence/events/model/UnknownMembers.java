package com.withcoherence.events.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The members of one JSON object that this library does not read, kept so that nothing an event carries is lost: a
 * field Coherence adds to its detail or environments later, or one EventBridge adds to the envelope (such as
 * {@code replay-name} on a replayed event). {@link CoherenceEvents#toJson} writes them back after the members the
 * library knows, so an event read and written again keeps them.
 *
 * <p>Each value is kept as compact JSON text, exactly one JSON value without repeated member names: read it with the
 * JSON library of your choice, for example {@code event.unknownMembers().json("replay-name")} gives
 * {@code Optional["\"my-replay\""]}.
 *
 * <p>Two instances are equal when they hold the same names with the same values, in any order; {@code toJson} writes
 * them in the order held, so equal events can differ in the order of these members. Values read from text keep their
 * numbers as written (except {@code -0}, which is written {@code 0}); from a {@code Map} or {@code JsonNode} they are
 * the numbers those hold ({@code 0.10} may have become {@code 0.1}; a tree's infinity, which is how Jackson reads
 * {@code 1e400}, is written back as {@code 1e400}, while a {@code Map} holding one is refused). Through the Jackson
 * module with a parser that accepts more than JSON (YAML, {@code .5}), a number is kept as the JSON number it reads
 * as. Instances are immutable and thread-safe.
 *
 * @param json the members' names and their values as compact JSON text, in the order they were read; copied into an
 *     unmodifiable map
 */
public record UnknownMembers(Map<String, String> json) {

    /**
     * The deepest nesting a value may have: EventBridge's 1,000 levels less the event object around an envelope
     * member. A detail member may nest one level less, an environment's three less (the records check).
     */
    static final int MAX_VALUE_NESTING_DEPTH = EventReader.MAX_NESTING_DEPTH - 1;

    private static final UnknownMembers NONE = new UnknownMembers(Map.of());

    /**
     * Validates the members and normalises each value to compact JSON.
     *
     * @param json the members' names and their values as JSON text; copied, in its iteration order. A name may be
     *     any string, the empty one included (JSON allows it); a value is exactly one JSON value, nested at most
     *     999 levels (998 in a detail, 996 in an environment, as the records check)
     * @throws CoherenceEventException if {@code json} is {@code null} or holds a {@code null} name or value, or a
     *     value that is not exactly one JSON value (the exception's pointer names the member)
     */
    public UnknownMembers {
        if (json == null) {
            throw CoherenceEventException.about("Invalid unknown members", "", "the map of members must not be "
                    + "null; use UnknownMembers.none() when there are none.");
        }
        if (json.isEmpty()) {
            // Tested first: the empty instance is made on the parse path, which must not load Read for it.
            json = Map.of();
        } else if (json instanceof Read) {
            // The reader's own output: already compact, checked and within the limits where it was read.
            json = Collections.unmodifiableMap(json);
        } else {
            Map<String, String> copy = new LinkedHashMap<>();
            // Read through Object: a raw or heap-polluted map must give this exception, not a ClassCastException.
            for (Map.Entry<?, ?> member : ((Map<?, ?>) json).entrySet()) {
                if (!(member.getKey() instanceof String)) {
                    throw CoherenceEventException.about("Invalid unknown members", "", "a member name must be a "
                            + "string but was " + describe(member.getKey()) + ".");
                }
                String name = (String) member.getKey();
                String pointer = "/" + EventReader.escape(name);
                if (!(member.getValue() instanceof String)) {
                    throw CoherenceEventException.about("Invalid unknown members", pointer, "the value of "
                            + EventReader.quote(name) + " must be JSON text but was " + describe(member.getValue())
                            + "; pass \"null\" for a JSON null, \"\\\"text\\\"\" for a string.");
                }
                copy.put(name, EventReader.canonicalValue((String) member.getValue(), pointer,
                        MAX_VALUE_NESTING_DEPTH));
            }
            json = Collections.unmodifiableMap(copy);
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getSimpleName();
    }

    /**
     * The members the reader collects as it reads one object: already compact JSON, checked and within the limits
     * where they were read, so the constructor takes them as they are. Only the reader makes one, and it never
     * changes one after handing it over.
     */
    static final class Read extends LinkedHashMap<String, String> {
        private static final long serialVersionUID = 1L;

        Read() {
            super(4);
        }
    }

    /**
     * Returns the empty set of members, which every event built without them has.
     *
     * @return the empty instance, never {@code null}
     */
    public static UnknownMembers none() {
        return NONE;
    }

    /**
     * Returns the value of the member {@code name} as compact JSON text.
     *
     * @param name the member's name, not {@code null}
     * @return the value, or empty if the object had no such unknown member
     * @throws CoherenceEventException if {@code name} is {@code null}
     */
    public Optional<String> json(String name) {
        return Optional.ofNullable(json.get(Checks.argument(name, "name")));
    }

    /**
     * Returns whether there are no unknown members.
     *
     * @return {@code true} when the object held only members the library reads
     */
    public boolean isEmpty() {
        return json.isEmpty();
    }

    /** The members the reader collected ({@code null} when there were none). */
    static UnknownMembers read(Read members) {
        return members == null || members.isEmpty() ? NONE : new UnknownMembers(members);
    }

    /**
     * Throws if one of {@code known}, the names of the object's own members, is among these members, or if a value
     * nests deeper than {@code maxDepth} levels, the most it may where the record puts it.
     */
    void check(String pointerPrefix, List<String> known, int maxDepth) {
        if (json.isEmpty()) {
            return;
        }
        for (String name : known) {
            if (json.containsKey(name)) {
                throw new CoherenceEventException(pointerPrefix + "/" + EventReader.escape(name), "\"" + name
                        + "\" is a member this library reads, so it cannot also be an unknown member; pass it as "
                        + "the record's component instead.");
            }
        }
        for (Map.Entry<String, String> member : json.entrySet()) {
            int depth = nesting(member.getValue());
            if (depth > maxDepth) {
                throw new CoherenceEventException(pointerPrefix + "/" + EventReader.escape(member.getKey()),
                        "the value nests " + depth + " levels; here it may nest at most " + maxDepth + ", so that "
                                + "the event holding it stays within EventBridge's " + EventReader.MAX_NESTING_DEPTH
                                + " levels.");
            }
        }
    }

    /** How deep the objects and arrays of a compact JSON value nest (0 for a scalar). */
    static int nesting(String json) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0, n = json.length(); i < n; i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return deepest;
    }
}
