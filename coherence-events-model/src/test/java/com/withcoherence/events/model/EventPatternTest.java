package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;

/** The pattern value, its validation entry points, and the typed Coherence builder. */
class EventPatternTest {

    private static final String APP = "12309ijsdf-your-app-name";
    private static final String CONSOLE_WALKTHROUGH = "{\"source\":[\"Coherence\"],\"detail-type\":[\"new_environments\"]}";

    // ----------------------------------------------------------------------------------------------- of and the value

    @Test
    void acceptsTheConsoleWalkthroughPattern() {
        EventPattern pattern = EventPattern.of("{\n  \"source\": [\"Coherence\"],\n  \"detail-type\": [\"new_environments\"]\n}");

        assertEquals(CONSOLE_WALKTHROUGH, pattern.json());
        assertEquals(CONSOLE_WALKTHROUGH, pattern.toString());
        assertEquals(CONSOLE_WALKTHROUGH.length(), pattern.length());
    }

    @Test
    void compactFormKeepsMembersDuplicateKeysAndNumbersAsWritten() {
        EventPattern pattern = EventPattern.of("{ \"x\" : [ 3.018e2 , -0 , 1E3 ], \"a\": [\"\\u0041\"], \"x\": [1] }");

        assertEquals("{\"x\":[3.018e2,-0,1E3],\"a\":[\"A\"],\"x\":[1]}", pattern.json());
    }

    @Test
    void patternsAreEqualWhenTheirCompactJsonIs() {
        EventPattern spaced = EventPattern.of("{ \"source\" : [ \"Coherence\" ] }");
        EventPattern compact = EventPattern.of("{\"source\":[\"Coherence\"]}");
        EventPattern other = EventPattern.of("{\"source\":[\"Other\"]}");

        assertEquals(compact, spaced);
        assertEquals(compact.hashCode(), spaced.hashCode());
        assertNotEquals(compact, other);
        assertNotEquals(compact, (Object) compact.json());
    }

    @Test
    void rejectsNullWithAReason() {
        EventPatternException e = assertThrows(EventPatternException.class, () -> EventPattern.of(null));

        assertTrue(e.reason().contains("null"), e.reason());
        assertEquals("Event pattern is not valid. Reason: " + e.reason(), e.getMessage());
    }

    @Test
    void acceptsThe4096CharactersOfTheApiMaximum() {
        String pattern = padded(EventPattern.API_MAX_LENGTH);

        assertEquals(CONSOLE_WALKTHROUGH, EventPattern.of(pattern).json());
    }

    @Test
    void rejectsAPatternOverTheApiMaximumAsTheApiDoes() {
        String pattern = padded(EventPattern.API_MAX_LENGTH + 1);

        EventPatternException e = assertThrows(EventPatternException.class, () -> EventPattern.of(pattern));

        assertEquals("ValidationException", e.awsErrorCode());
        assertEquals("1 validation error detected: Value '" + pattern + "' at 'eventPattern' failed to satisfy "
                + "constraint: Member must have length less than or equal to 4096", e.awsErrorMessage());
        assertTrue(e.reason().startsWith("The pattern has 4097 characters"), e.reason());
        assertEquals("Event pattern is not valid. Reason: " + e.reason(), e.getMessage());
    }

    @Test
    void checksAnAccountsQuotaWhenGivenOne() {
        String pattern = padded(EventPattern.DEFAULT_MAX_LENGTH + 1);

        EventPatternException e = assertThrows(EventPatternException.class,
                () -> EventPattern.of(pattern, EventPattern.DEFAULT_MAX_LENGTH));

        assertEquals("InvalidEventPatternException", e.awsErrorCode());
        assertTrue(e.reason().contains("quota of 2048"), e.reason());
        assertEquals(CONSOLE_WALKTHROUGH, EventPattern.of(pattern).json(), "a raised quota accepts it");
        assertEquals(CONSOLE_WALKTHROUGH, EventPattern.of(padded(2048), 2048).json());
    }

    @Test
    void rejectsAQuotaOutsideTheApisRange() {
        for (int quota : new int[] {0, -1, EventPattern.API_MAX_LENGTH + 1}) {
            CoherenceEventException e = assertThrows(CoherenceEventException.class,
                    () -> EventPattern.of(CONSOLE_WALKTHROUGH, quota));
            assertFalse(e instanceof EventPatternException, "a wrong argument is not an invalid pattern");
            assertTrue(e.getMessage().contains("maxLength must be from 1 to 4096"), e.getMessage());
        }
    }

    @Test
    void countsLengthInCodePoints() {
        // U+1F600 is two Java chars and one character for EventBridge's length constraint.
        String pattern = "{\"a\":[\"\uD83D\uDE00\"]}";

        assertEquals(pattern.length() - 1, EventPattern.of(pattern).length());
        assertEquals(pattern.length() - 1, EventPattern.of(pattern, pattern.length() - 1).length());
    }

    @Test
    void checkSaysWhyAPatternIsInvalidWithoutThrowing() {
        assertEquals(Optional.empty(), EventPattern.check(CONSOLE_WALKTHROUGH));
        assertEquals(Optional.of("\"source\" must be an object or an array\n at [Source: (String)\"{\"source\": "
                + "\"Coherence\"}\"; line: 1, column: 13]"), EventPattern.check("{\"source\": \"Coherence\"}"));
        assertTrue(EventPattern.check(null).isPresent());
    }

    // ------------------------------------------------------------------------------------------------- the builder

    static Stream<Arguments> builderPatterns() {
        return Stream.of(
                Arguments.of("no condition selects every Coherence event",
                        (UnaryOperator<EventPattern.Builder>) b -> b,
                        "{\"source\":[\"Coherence\"]}"),
                Arguments.of("the console walkthrough",
                        (UnaryOperator<EventPattern.Builder>) b -> b.newEnvironments(),
                        CONSOLE_WALKTHROUGH),
                Arguments.of("both detail-types",
                        (UnaryOperator<EventPattern.Builder>) b -> b.newEnvironments().validEnvironments(),
                        "{\"source\":[\"Coherence\"],\"detail-type\":[\"new_environments\",\"valid_environments\"]}"),
                Arguments.of("a prefix on one detail-type uses its key only",
                        (UnaryOperator<EventPattern.Builder>) b -> b.newEnvironments().environmentNamePrefixes("feature-"),
                        "{\"source\":[\"Coherence\"],\"detail-type\":[\"new_environments\"],\"detail\":{\"new_environments\":"
                                + "{\"environment_name\":[{\"prefix\":\"feature-\"}]}}}"),
                Arguments.of("a prefix without detail-type needs $or over both keys",
                        (UnaryOperator<EventPattern.Builder>) b -> b.environmentNamePrefixes("feature-"),
                        "{\"source\":[\"Coherence\"],\"detail\":{\"$or\":["
                                + "{\"new_environments\":{\"environment_name\":[{\"prefix\":\"feature-\"}]}},"
                                + "{\"valid_environments\":{\"environment_name\":[{\"prefix\":\"feature-\"}]}}]}}"),
                Arguments.of("a condition on two detail-types has one branch each",
                        (UnaryOperator<EventPattern.Builder>) b -> b.validEnvironments().newEnvironments()
                                .environmentNames("main"),
                        "{\"source\":[\"Coherence\"],\"detail-type\":[\"valid_environments\",\"new_environments\"],"
                                + "\"detail\":{\"$or\":[{\"valid_environments\":{\"environment_name\":[\"main\"]}},"
                                + "{\"new_environments\":{\"environment_name\":[\"main\"]}}]}}"),
                Arguments.of("a named detail-type keeps its environments under its own name",
                        (UnaryOperator<EventPattern.Builder>) b -> b.detailTypes("removed_environments")
                                .environmentNames("main"),
                        "{\"source\":[\"Coherence\"],\"detail-type\":[\"removed_environments\"],\"detail\":"
                                + "{\"removed_environments\":{\"environment_name\":[\"main\"]}}}"),
                Arguments.of("name conditions are alternatives in one array",
                        (UnaryOperator<EventPattern.Builder>) b -> b.newEnvironments().environmentNames("main", "staging")
                                .environmentNamePrefixes("feature-").environmentNameSuffixes("-preview"),
                        "{\"source\":[\"Coherence\"],\"detail-type\":[\"new_environments\"],\"detail\":{\"new_environments\":"
                                + "{\"environment_name\":[\"main\",\"staging\",{\"prefix\":\"feature-\"},"
                                + "{\"suffix\":\"-preview\"}]}}}"),
                Arguments.of("one excluded name",
                        (UnaryOperator<EventPattern.Builder>) b -> b.validEnvironments().environmentNamesExcept("main"),
                        "{\"source\":[\"Coherence\"],\"detail-type\":[\"valid_environments\"],\"detail\":"
                                + "{\"valid_environments\":{\"environment_name\":[{\"anything-but\":\"main\"}]}}}"),
                Arguments.of("several excluded names, repeated calls adding up",
                        (UnaryOperator<EventPattern.Builder>) b -> b.validEnvironments().environmentNamesExcept("main")
                                .environmentNamesExcept("staging", "main"),
                        "{\"source\":[\"Coherence\"],\"detail-type\":[\"valid_environments\"],\"detail\":"
                                + "{\"valid_environments\":{\"environment_name\":[{\"anything-but\":[\"main\",\"staging\"]}]}}}"),
                Arguments.of("application and name conditions on one list",
                        (UnaryOperator<EventPattern.Builder>) b -> b.newEnvironments().environmentNames("main")
                                .applicationNames(APP),
                        "{\"source\":[\"Coherence\"],\"detail-type\":[\"new_environments\"],\"detail\":{\"new_environments\":"
                                + "{\"environment_name\":[\"main\"],\"application_name\":[\"" + APP + "\"]}}}"),
                Arguments.of("an application without detail-type",
                        (UnaryOperator<EventPattern.Builder>) b -> b.applicationNames(APP, "other-app"),
                        "{\"source\":[\"Coherence\"],\"detail\":{\"$or\":["
                                + "{\"new_environments\":{\"application_name\":[\"" + APP + "\",\"other-app\"]}},"
                                + "{\"valid_environments\":{\"application_name\":[\"" + APP + "\",\"other-app\"]}}]}}"),
                Arguments.of("groups joined by or()",
                        (UnaryOperator<EventPattern.Builder>) b -> b.newEnvironments().environmentNamePrefixes("feature-")
                                .or().validEnvironments().environmentNames("main"),
                        "{\"source\":[\"Coherence\"],\"$or\":["
                                + "{\"detail-type\":[\"new_environments\"],\"detail\":{\"new_environments\":"
                                + "{\"environment_name\":[{\"prefix\":\"feature-\"}]}}},"
                                + "{\"detail-type\":[\"valid_environments\"],\"detail\":{\"valid_environments\":"
                                + "{\"environment_name\":[\"main\"]}}}]}"),
                Arguments.of("a group without detail-type inside or()",
                        (UnaryOperator<EventPattern.Builder>) b -> b.newEnvironments().or().environmentNamePrefixes("x-"),
                        "{\"source\":[\"Coherence\"],\"$or\":[{\"detail-type\":[\"new_environments\"]},"
                                + "{\"detail\":{\"$or\":[{\"new_environments\":{\"environment_name\":[{\"prefix\":\"x-\"}]}},"
                                + "{\"valid_environments\":{\"environment_name\":[{\"prefix\":\"x-\"}]}}]}}]}"),
                Arguments.of("values that need JSON escapes",
                        (UnaryOperator<EventPattern.Builder>) b -> b.newEnvironments().environmentNames("quote\"back\\slash"),
                        "{\"source\":[\"Coherence\"],\"detail-type\":[\"new_environments\"],\"detail\":{\"new_environments\":"
                                + "{\"environment_name\":[\"quote\\\"back\\\\slash\"]}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builderPatterns")
    void buildsValidPatterns(String description, UnaryOperator<EventPattern.Builder> configure, String expected) {
        EventPattern built = configure.apply(EventPattern.builder()).build();

        assertEquals(expected, built.json());
        assertEquals(built, EventPattern.of(built.json()), "EventBridge accepts what the builder writes");
    }

    @Test
    void prefixWithoutDetailTypeMatchesEitherEventByItsOwnKey() throws Exception {
        EventPattern feature = EventPattern.builder().environmentNamePrefixes("feature-").build();

        assertTrue(matches(feature, newEnvironments(env("E1", "feature-login", APP))));
        assertTrue(matches(feature, validEnvironments(env("E1", "main", APP), env("E2", "feature-login", APP))));
        assertFalse(matches(feature, validEnvironments(env("E1", "main", APP))));
    }

    @Test
    void aDetailTypeRestrictsTheKeyAndTheEvent() throws Exception {
        EventPattern newFeature = EventPattern.builder().newEnvironments().environmentNamePrefixes("feature-").build();

        assertTrue(matches(newFeature, newEnvironments(env("E1", "feature-login", APP))));
        assertFalse(matches(newFeature, validEnvironments(env("E1", "feature-login", APP))));
    }

    @Test
    void anEmptyEnvironmentListSatisfiesNoEnvironmentCondition() throws Exception {
        assertFalse(matches(EventPattern.builder().newEnvironments().environmentNamesExcept("main").build(),
                newEnvironments()));
        assertFalse(matches(EventPattern.builder().applicationNames(APP).build(), newEnvironments()));
        assertTrue(matches(EventPattern.builder().newEnvironments().build(), newEnvironments()));
    }

    @Test
    void exclusionHoldsWhenAnyListedEnvironmentIsNotExcluded() throws Exception {
        EventPattern notMain = EventPattern.builder().validEnvironments().environmentNamesExcept("main").build();

        assertTrue(matches(notMain, validEnvironments(env("E1", "main", APP), env("E2", "feature-x", APP))));
        assertFalse(matches(notMain, validEnvironments(env("E1", "main", APP))));
    }

    @Test
    void conditionsOnTwoFieldsMustHoldForTheSameEnvironment() throws Exception {
        String event = validEnvironments(env("E1", "main", "app-a"), env("E2", "feature-x", "app-b"));

        assertFalse(matches(EventPattern.builder().environmentNames("main").applicationNames("app-b").build(), event),
                "main is in app-a, not app-b: different environments satisfy the two conditions");
        assertTrue(matches(EventPattern.builder().environmentNames("main").applicationNames("app-a").build(), event));
    }

    @Test
    void orSelectsEventsSatisfyingAnyGroup() throws Exception {
        EventPattern pattern = EventPattern.builder().newEnvironments().environmentNamePrefixes("feature-")
                .or().validEnvironments().environmentNames("main").build();

        assertTrue(matches(pattern, newEnvironments(env("E1", "feature-a", APP))));
        assertTrue(matches(pattern, validEnvironments(env("E1", "main", APP))));
        assertFalse(matches(pattern, newEnvironments(env("E1", "main", APP))));
    }

    @Test
    void buildReportsEveryProblemAtOnce() {
        EventPattern.Builder builder = EventPattern.builder()
                .environmentNamePrefixes("")
                .environmentNames((String[]) null)
                .environmentNamesExcept()
                .applicationNames("ok", null)
                .or();

        EventPatternException e = assertThrows(EventPatternException.class, builder::build);

        String reason = e.reason();
        assertTrue(reason.contains("group 1: environmentNamePrefixes: value 1 is empty; an empty prefix matches every "
                + "name"), reason);
        assertTrue(reason.contains("group 1: environmentNames(null)"), reason);
        assertTrue(reason.contains("group 1: environmentNamesExcept() was given no value"), reason);
        assertTrue(reason.contains("group 1: applicationNames: value 2 is null"), reason);
        assertTrue(reason.contains("group 2: the group has no condition"), reason);
        assertEquals("Event pattern is not valid. Reason: " + reason, e.getMessage());
    }

    @Test
    void buildRejectsAnExclusionMixedWithPositiveNameConditions() {
        EventPatternException e = assertThrows(EventPatternException.class, () -> EventPattern.builder()
                .environmentNamesExcept("main").environmentNamePrefixes("feature-").build());

        assertTrue(e.reason().contains("environmentNamesExcept cannot be combined with"), e.reason());
    }

    @Test
    void buildRejectsEmptyValuesThatWouldMatchNothingOrEverything() {
        for (UnaryOperator<EventPattern.Builder> misuse : List.<UnaryOperator<EventPattern.Builder>>of(
                b -> b.environmentNames(""), b -> b.environmentNameSuffixes(""), b -> b.applicationNames(""),
                b -> b.detailTypes(""), b -> b.environmentNamesExcept(""), b -> b.detailTypes())) {
            EventPatternException e = assertThrows(EventPatternException.class,
                    () -> misuse.apply(EventPattern.builder()).build());
            assertTrue(e.reason().startsWith("The builder's arguments cannot make a valid pattern: "), e.reason());
        }
    }

    @Test
    void buildRejectsADottedDetailTypeAsAnEnvironmentListKeyButAcceptsItAlone() throws Exception {
        EventPatternException e = assertThrows(EventPatternException.class,
                () -> EventPattern.builder().detailTypes("deploy.finished").environmentNames("main").build());

        assertTrue(e.getMessage().contains("'.'"), e.getMessage());
        EventPattern alone = EventPattern.builder().detailTypes("deploy.finished").build();
        assertEquals("{\"source\":[\"Coherence\"],\"detail-type\":[\"deploy.finished\"]}", alone.json());
    }

    @Test
    void buildRejectsTheOrOperatorAsAnEnvironmentListKey() {
        EventPatternException e = assertThrows(EventPatternException.class,
                () -> EventPattern.builder().detailTypes("$or").environmentNames("main").build());

        assertTrue(e.reason().contains("detailTypes(\"$or\")"), e.reason());
        assertEquals("{\"source\":[\"Coherence\"],\"detail-type\":[\"$or\"]}",
                EventPattern.builder().detailTypes("$or").build().json(), "as a detail-type alone it is fine");
    }

    @Test
    void buildKeepsPatternsWithinTheDefaultQuota() {
        EventPattern.Builder builder = EventPattern.builder().newEnvironments();
        for (int i = 0; i < 200; i++) {
            builder.environmentNames("environment-" + i);
        }

        EventPatternException e = assertThrows(EventPatternException.class, builder::build);

        assertTrue(e.reason().contains("above EventBridge's default quota of 2048"), e.reason());
    }

    // ----------------------------------------------------------------------------------- without event-ruler

    @Test
    void theBuilderAndParsingWorkWithoutEventRulerAndOfSaysWhatToAdd() throws Exception {
        try (URLClassLoader withoutRuler = new URLClassLoader(new URL[] {
                location(EventPattern.class), location(JsonFactory.class), location(ObjectMapper.class),
                location(Class.forName("com.fasterxml.jackson.annotation.JsonProperty"))},
                ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class,
                    () -> withoutRuler.loadClass(Machine.class.getName()), "the loader must really lack event-ruler");

            Class<?> patterns = withoutRuler.loadClass(EventPattern.class.getName());
            Object builder = patterns.getMethod("builder").invoke(null);
            Object pattern = builder.getClass().getMethod("build").invoke(
                    builder.getClass().getMethod("newEnvironments").invoke(builder));
            assertEquals(CONSOLE_WALKTHROUGH, patterns.getMethod("json").invoke(pattern));

            Method of = patterns.getMethod("of", String.class);
            InvocationTargetException failure = assertThrows(InvocationTargetException.class,
                    () -> of.invoke(null, CONSOLE_WALKTHROUGH));
            Throwable cause = failure.getCause();
            assertEquals(CoherenceEventException.class.getName(), cause.getClass().getName());
            assertTrue(cause.getMessage().contains("software.amazon.event.ruler:event-ruler"), cause.getMessage());

            Class<?> events = withoutRuler.loadClass(CoherenceEvents.class.getName());
            Object event = events.getMethod("parse", String.class).invoke(null,
                    newEnvironments(env("AESOIFH3341", "another-test-env", APP)));
            assertEquals(NewEnvironmentsEvent.class.getName(), event.getClass().getName());
        }
    }

    // --------------------------------------------------------------------------------------------------- helpers

    /** The console walkthrough pattern, padded with whitespace to {@code length} characters. */
    private static String padded(int length) {
        return CONSOLE_WALKTHROUGH.substring(0, 1) + " ".repeat(length - CONSOLE_WALKTHROUGH.length())
                + CONSOLE_WALKTHROUGH.substring(1);
    }

    private static Environment env(String cloudfrontId, String name, String app) {
        return new Environment(cloudfrontId, name, app);
    }

    private static String newEnvironments(Environment... environments) {
        return CoherenceEvents.toJson(new NewEnvironmentsEvent("0", "1bb332f8-acc2-adcb-0878-4c0fe06aaf7d",
                "1234596789", Instant.parse("2023-05-19T13:56:16Z"), "us-east-1", List.of(), List.of(environments)));
    }

    private static String validEnvironments(Environment... environments) {
        return CoherenceEvents.toJson(new ValidEnvironmentsEvent("0", "8573c1ce-132d-af52-c64f-045f162e6107",
                "1234596789", Instant.parse("2023-05-19T14:15:27Z"), "us-east-1", List.of(), List.of(environments)));
    }

    private static boolean matches(EventPattern pattern, String event) throws Exception {
        Machine machine = Machine.builder().build();
        machine.addRule("rule", pattern.json());
        return machine.rulesForJSONEvent(event).contains("rule");
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void thrownExceptionsAreCoherenceEventExceptions() {
        assertInstanceOf(CoherenceEventException.class,
                assertThrows(EventPatternException.class, () -> EventPattern.of("{}")));
    }
    /** Found by fuzzing: the builder wrote an operator name as a key inside $or, which EventPattern.of then refused. */
    @Test
    void refusesADetailTypeThatEventBridgeReservesInsideOr() {
        for (String reserved : EventPattern.RESERVED_INSIDE_OR) {
            assertTrue(EventPattern.check("{\"$or\":[{\"" + reserved + "\":[1]},{\"b\":[1]}]}").isPresent(), reserved);
            EventPatternException twoTypes = assertThrows(EventPatternException.class,
                    () -> EventPattern.builder().detailTypes(reserved, "x").environmentNames("main").build());
            EventPatternException twoGroups = assertThrows(EventPatternException.class,
                    () -> EventPattern.builder().detailTypes(reserved).environmentNames("main").or().newEnvironments()
                            .build());

            assertTrue(twoTypes.reason().contains("detailTypes(\"" + reserved + "\") cannot name the key"),
                    twoTypes.reason());
            assertTrue(twoGroups.reason().contains("group 1: detailTypes(\"" + reserved + "\")"), twoGroups.reason());
            EventPattern alone = EventPattern.builder().detailTypes(reserved).environmentNames("main").build();
            assertEquals(alone, EventPattern.of(alone.json()), "outside $or the name is an ordinary key");
            EventPattern asValue = EventPattern.builder().detailTypes(reserved, "x").build();
            assertEquals(asValue, EventPattern.of(asValue.json()), "as a detail-type value it is an ordinary string");
        }
    }

    @Test
    void knowsTheNamesTheEventRulerOnTheClassPathReservesInsideOr() throws ReflectiveOperationException {
        java.lang.reflect.Field reserved = Class.forName("software.amazon.event.ruler.Constants")
                .getDeclaredField("RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP");
        reserved.setAccessible(true);

        assertEquals(Set.copyOf((java.util.Collection<?>) reserved.get(null)), EventPattern.RESERVED_INSIDE_OR);
    }
}
