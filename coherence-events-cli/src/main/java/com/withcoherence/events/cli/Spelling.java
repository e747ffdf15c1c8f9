package com.withcoherence.events.cli;

import java.util.Collection;
import java.util.Optional;

/** Finds what a user probably meant: a command or a detail-type a typo or two away. */
final class Spelling {

    private Spelling() {
    }

    /**
     * The candidate nearest to {@code word}, if it is at most {@code maxEdits} single-character insertions,
     * deletions or substitutions away (Levenshtein distance) and {@code word} is not itself a candidate.
     */
    static Optional<String> closest(String word, Collection<String> candidates, int maxEdits) {
        if (candidates.contains(word)) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = maxEdits + 1;
        for (String candidate : candidates) {
            int distance = distance(word, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The Levenshtein distance between two strings, by UTF-16 unit (the words compared here are ASCII). */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
