package com.withcoherence.events.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;
import software.amazon.awssdk.services.eventbridge.model.SqsParameters;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** Converts between our targets and the SDK's, and says how an existing target differs from a desired one. */
final class SdkTargets {

    private SdkTargets() {
    }

    /** The PutTargets entry for a target: every field it has, nothing else. */
    static Target toSdk(SubscriptionTarget t) {
        Target.Builder b = Target.builder().id(t.id()).arn(t.arn());
        t.roleArn().ifPresent(b::roleArn);
        t.messageGroupId().ifPresent(g -> b.sqsParameters(SqsParameters.builder().messageGroupId(g).build()));
        t.retryPolicy().ifPresent(p -> b.retryPolicy(RetryPolicy.builder()
                .maximumRetryAttempts(p.maximumRetryAttempts())
                .maximumEventAgeInSeconds(p.maximumEventAgeInSeconds()).build()));
        t.deadLetterQueueArn().ifPresent(q -> b.deadLetterConfig(DeadLetterConfig.builder().arn(q).build()));
        t.input().ifPresent(b::input);
        t.inputPath().ifPresent(b::inputPath);
        t.inputTransformer().ifPresent(x -> b.inputTransformer(InputTransformer.builder()
                .inputPathsMap(x.inputPathsMap()).inputTemplate(x.inputTemplate()).build()));
        return b.build();
    }

    /** A target read from ListTargetsByRule, as our value (its parameters for other target kinds are not kept). */
    static SubscriptionTarget fromSdk(Target t) {
        TargetRetryPolicy retry = t.retryPolicy() == null ? null : new TargetRetryPolicy(
                orDefault(t.retryPolicy().maximumRetryAttempts(), TargetRetryPolicy.MAX_RETRY_ATTEMPTS),
                orDefault(t.retryPolicy().maximumEventAgeInSeconds(), TargetRetryPolicy.MAX_EVENT_AGE_SECONDS));
        TargetInputTransformer transformer = t.inputTransformer() == null ? null : new TargetInputTransformer(
                t.inputTransformer().hasInputPathsMap() ? t.inputTransformer().inputPathsMap() : Map.of(),
                t.inputTransformer().inputTemplate() == null ? "" : t.inputTransformer().inputTemplate());
        return SubscriptionTarget.read(t.id(), t.arn(), t.roleArn(),
                t.sqsParameters() == null ? null : t.sqsParameters().messageGroupId(), retry,
                t.deadLetterConfig() == null ? null : t.deadLetterConfig().arn(), t.input(), t.inputPath(),
                transformer);
    }

    /**
     * The fields in which {@code existing} differs from {@code desired}, by name; empty when PutTargets would change
     * nothing. A retry policy absent on one side and EventBridge's default (185, 86,400) on the other is the same.
     */
    static List<String> differences(Target desired, Target existing) {
        List<String> fields = new ArrayList<>();
        compare(fields, "arn", desired.arn(), existing.arn());
        compare(fields, "roleArn", emptyToNull(desired.roleArn()), emptyToNull(existing.roleArn()));
        compare(fields, "input", emptyToNull(desired.input()), emptyToNull(existing.input()));
        compare(fields, "inputPath", emptyToNull(desired.inputPath()), emptyToNull(existing.inputPath()));
        compare(fields, "inputTransformer", transformer(desired.inputTransformer()),
                transformer(existing.inputTransformer()));
        compare(fields, "retryPolicy", retry(desired.retryPolicy()), retry(existing.retryPolicy()));
        compare(fields, "deadLetterQueueArn",
                desired.deadLetterConfig() == null ? null : emptyToNull(desired.deadLetterConfig().arn()),
                existing.deadLetterConfig() == null ? null : emptyToNull(existing.deadLetterConfig().arn()));
        compare(fields, "messageGroupId",
                desired.sqsParameters() == null ? null : emptyToNull(desired.sqsParameters().messageGroupId()),
                existing.sqsParameters() == null ? null : emptyToNull(existing.sqsParameters().messageGroupId()));
        if (hasOtherParameters(existing)) {
            fields.add("parameters of another target kind");
        }
        return fields;
    }

    private static boolean hasOtherParameters(Target t) {
        return t.kinesisParameters() != null || t.ecsParameters() != null || t.runCommandParameters() != null
                || t.batchParameters() != null || t.httpParameters() != null || t.redshiftDataParameters() != null
                || t.sageMakerPipelineParameters() != null || t.appSyncParameters() != null;
    }

    private static void compare(List<String> fields, String name, Object desired, Object existing) {
        if (!Objects.equals(desired, existing)) {
            fields.add(name);
        }
    }

    private static List<Integer> retry(RetryPolicy policy) {
        int attempts = policy == null ? TargetRetryPolicy.MAX_RETRY_ATTEMPTS
                : orDefault(policy.maximumRetryAttempts(), TargetRetryPolicy.MAX_RETRY_ATTEMPTS);
        int age = policy == null ? TargetRetryPolicy.MAX_EVENT_AGE_SECONDS
                : orDefault(policy.maximumEventAgeInSeconds(), TargetRetryPolicy.MAX_EVENT_AGE_SECONDS);
        return List.of(attempts, age);
    }

    private static List<Object> transformer(InputTransformer x) {
        if (x == null) {
            return null;
        }
        Map<String, String> paths = x.hasInputPathsMap() ? new LinkedHashMap<>(x.inputPathsMap()) : Map.of();
        return List.of(paths, x.inputTemplate() == null ? "" : x.inputTemplate());
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
