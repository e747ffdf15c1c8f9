package com.withcoherence.events.model;

import java.time.Instant;

/**
 * Reads and writes the RFC 3339 times of EventBridge envelopes without {@code java.time.format}.
 *
 * <p>Loading {@code DateTimeFormatter} and its chronology classes costs a fresh JVM more than the whole parse of an
 * event; the envelope's format is fixed, so it is read with plain arithmetic here.
 */
final class EventTimes {

    private static final int SECONDS_PER_DAY = 86_400;

    private EventTimes() {
    }

    /**
     * Parses {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)} (RFC 3339 section 5.6; 1 to 9 fraction digits).
     *
     * @return the instant, or {@code null} if {@code text} is not such a time
     */
    static Instant parse(String text) {
        return parse(text.toCharArray(), 0, text.length());
    }

    /**
     * Parses the time held in {@code length} characters of {@code chars} from {@code offset}, such as a JSON parser's
     * text buffer (so reading an event makes no string of its time); see {@link #parse(String)}.
     *
     * @return the instant, or {@code null} if the characters are not such a time
     */
    static Instant parse(char[] chars, int offset, int length) {
        if (length < 20) {
            return null;
        }
        int n = offset + length;
        int year = digits(chars, offset, 4);
        int month = digits(chars, offset + 5, 2);
        int day = digits(chars, offset + 8, 2);
        int hour = digits(chars, offset + 11, 2);
        int minute = digits(chars, offset + 14, 2);
        int second = digits(chars, offset + 17, 2);
        char t = chars[offset + 10];
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
                || chars[offset + 4] != '-' || chars[offset + 7] != '-' || (t != 'T' && t != 't')
                || chars[offset + 13] != ':' || chars[offset + 16] != ':') {
            return null;
        }
        int pos = offset + 19;
        int nanos = 0;
        if (chars[pos] == '.') {
            int start = ++pos;
            while (pos < n && isDigit(chars[pos])) {
                nanos = nanos * 10 + (chars[pos] - '0');
                pos++;
            }
            int count = pos - start;
            if (count == 0 || count > 9) {
                return null;
            }
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (pos >= n) {
            return null;
        }
        int offsetSeconds;
        char zone = chars[pos];
        if (zone == 'Z' || zone == 'z') {
            if (pos + 1 != n) {
                return null;
            }
            offsetSeconds = 0;
        } else if (zone == '+' || zone == '-') {
            if (pos + 6 != n || chars[pos + 3] != ':') {
                return null;
            }
            int offsetHours = digits(chars, pos + 1, 2);
            int offsetMinutes = digits(chars, pos + 4, 2);
            if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (zone == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochSecond = daysFromCivil(year, month, day) * SECONDS_PER_DAY
                + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /**
     * Formats as EventBridge does: UTC, {@code Z}, and fraction digits only when needed (3, 6 or 9, as
     * {@link Instant#toString()} chooses them).
     */
    static String format(Instant time) {
        long epochSecond = time.getEpochSecond();
        long days = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = Math.floorMod(epochSecond, SECONDS_PER_DAY);
        // Civil-from-days, after Howard Hinnant's public-domain date algorithms.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return time.toString();
        }
        StringBuilder out = new StringBuilder(30);
        pad(out, (int) year, 4).append('-');
        pad(out, month, 2).append('-');
        pad(out, day, 2).append('T');
        pad(out, secondOfDay / 3600, 2).append(':');
        pad(out, secondOfDay / 60 % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2);
        int nanos = time.getNano();
        if (nanos != 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(out, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                pad(out, nanos / 1000, 6);
            } else {
                pad(out, nanos, 9);
            }
        }
        return out.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        int start = out.length();
        out.append(value);
        while (out.length() - start < width) {
            out.insert(start, '0');
        }
        return out;
    }

    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    private static int digits(char[] chars, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = chars[i];
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
