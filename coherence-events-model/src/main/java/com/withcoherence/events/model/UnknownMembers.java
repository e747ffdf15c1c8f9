package com.withcoherence.events.model;

import java.util.Collections;
import java.util.LinkedHashMap;
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
 * <p>Two instances are equal when they hold the same names with the same values, in any order. Instances are
 * immutable and thread-safe.
 *
 * @param json the members' names and their values as compact JSON text, in the order they were read; copied into an
 *     unmodifiable map
 */
public record UnknownMembers(Map<String, String> json) {

    private static final UnknownMembers NONE = new UnknownMembers(Map.of());

    /**
     * Validates the members and normalises each value to compact JSON.
     *
     * @param json the members' names and their values as JSON text; copied, in its iteration order
     * @throws CoherenceEventException if {@code json} is {@code null} or holds a {@code null} or empty name or a
     *     value that is not exactly one JSON value (the exception's pointer names the member)
     */
    public UnknownMembers {
        if (json == null) {
            throw CoherenceEventException.about("Invalid unknown members", "", "the map of members must not be "
                    + "null; use UnknownMembers.none() when there are none.");
        }
        if (json.isEmpty()) {
            json = Map.of();
        } else {
            Map<String, String> copy = new LinkedHashMap<>();
            for (Map.Entry<String, String> member : json.entrySet()) {
                String name = member.getKey();
                if (name == null || name.isEmpty()) {
                    throw CoherenceEventException.about("Invalid unknown members", "", "a member name must be a "
                            + "non-empty string but was " + (name == null ? "null" : "empty") + ".");
                }
                String pointer = "/" + EventReader.escape(name);
                if (member.getValue() == null) {
                    throw CoherenceEventException.about("Invalid unknown members", pointer, "the value of \"" + name
                            + "\" must be JSON text but was null; pass \"null\" for a JSON null.");
                }
                copy.put(name, EventReader.canonicalValue(member.getValue(), pointer));
            }
            json = Collections.unmodifiableMap(copy);
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
     * @param name the member's name
     * @return the value, or empty if the object had no such unknown member
     */
    public Optional<String> json(String name) {
        return Optional.ofNullable(json.get(name));
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
    static UnknownMembers read(Map<String, String> members) {
        return members == null || members.isEmpty() ? NONE : new UnknownMembers(members);
    }

    /** Throws if one of {@code known}, the names of the object's own members, is among these members. */
    UnknownMembers checkDistinctFrom(String pointerPrefix, String[] known) {
        if (json.isEmpty()) {
            return this;
        }
        for (String name : known) {
            if (json.containsKey(name)) {
                throw new CoherenceEventException(pointerPrefix + "/" + EventReader.escape(name), "\"" + name
                        + "\" is a member this library reads, so it cannot also be an unknown member; pass it as "
                        + "the record's component instead.");
            }
        }
        return this;
    }
}
