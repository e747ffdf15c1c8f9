package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimesTest {

    @Test
    void agreesWithJavaTimeOnManyRandomInstantsAndOffsets() {
        SplittableRandom random = new SplittableRandom(20230519);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(Instant.parse("0001-01-02T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-30T00:00:00Z").getEpochSecond());
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            int offsetMinutes = random.nextInt(-18 * 60, 18 * 60 + 1);
            String withOffset = OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60))
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

            assertEquals(instant, EventTimes.parse(withOffset), withOffset);
            assertEquals(instant.toString(), EventTimes.format(instant));
            assertEquals(instant, EventTimes.parse(EventTimes.format(instant)));
        }
    }

    @Test
    void writesWholeSecondsWithoutAFraction() {
        assertEquals("2023-05-19T13:56:16Z", EventTimes.format(Instant.parse("2023-05-19T13:56:16Z")));
        assertEquals("2023-05-19T13:56:16.100Z", EventTimes.format(Instant.parse("2023-05-19T13:56:16.1Z")));
    }

    @Test
    void readsLeapDays() {
        assertEquals(Instant.parse("2024-02-29T12:00:00Z"), EventTimes.parse("2024-02-29T12:00:00Z"));
        assertEquals(Instant.parse("2000-02-29T12:00:00Z"), EventTimes.parse("2000-02-29T12:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2023-05-19", "2023-05-19T13:56:16", "2023-05-19T13:56:16.Z", "2023-05-19T13:56:16.1234567890Z",
        "2023-13-19T13:56:16Z", "2023-00-19T13:56:16Z", "2023-02-29T13:56:16Z", "1900-02-29T13:56:16Z",
        "2023-04-31T13:56:16Z", "2023-05-19T24:00:00Z", "2023-05-19T23:60:00Z", "2023-05-19T23:59:60Z",
        "2023-05-19 13:56:16Z", "2023-05-19T13:56:16+0200", "2023-05-19T13:56:16+24:00", "2023-05-19T13:56:16+02:60",
        "2023-05-19T13:56:16ZZ", "+2023-05-19T13:56:16Z", "2023/05/19T13:56:16Z", "2023-05-19T13:56:16 Z",
        "２０２３-05-19T13:56:16Z", "2023-05-19T13:56:16-", "2023-05-19T1a:56:16Z"
    })
    void rejectsWhatIsNotAnRfc3339TimeOrNotOnTheCalendar(String text) {
        assertNull(EventTimes.parse(text), text);
    }
    /**
     * Every year EventBridge's four digits can write, at the days where calendar arithmetic goes wrong: the first and
     * last day, the end of February and the first of March (the last day of a 400-year era is 2000-02-29).
     */
    @Test
    void writesAndReadsTheCalendarsEdgesOfEveryYearFrom0000To9999() {
        for (int year = 0; year <= 9999; year++) {
            java.time.LocalDate first = java.time.LocalDate.of(year, 1, 1);
            for (java.time.LocalDate date : new java.time.LocalDate[] {first, first.withMonth(3).minusDays(2),
                    first.withMonth(3).minusDays(1), first.withMonth(3), first.withMonth(12).withDayOfMonth(31)}) {
                Instant instant = date.atTime(23, 59, 59, 999_000_000).toInstant(java.time.ZoneOffset.UTC);
                String text = EventTimes.format(instant);

                assertEquals(instant.toString(), text);
                assertEquals(instant, EventTimes.parse(text));
            }
        }
        assertEquals("+10000-01-01T00:00:00Z", EventTimes.format(Instant.parse("+10000-01-01T00:00:00Z")),
                "beyond four digits, as java.time writes it");
    }
}
