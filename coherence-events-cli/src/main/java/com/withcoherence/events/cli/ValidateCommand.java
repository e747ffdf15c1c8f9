package com.withcoherence.events.cli;

import com.withcoherence.events.model.CoherenceEventException;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.model.CoherenceSchemas;
import com.withcoherence.events.model.SchemaViolation;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code validate FILE|-}: checks one event against the JSON Schemas and prints each violation with its pointer. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validates one event against the JSON Schemas in schemas/ (chosen by its detail-type) and "
                + "prints every violation as POINTER: MESSAGE [KEYWORD].",
                "Exit code 0 when valid, 1 when there are violations, 2 when the file cannot be read."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE|-", description = "The event's JSON file, or - for standard input.")
    String file;

    private final Main.Io io;

    ValidateCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        byte[] input = Inputs.requireUtf8Encoding(Inputs.read(file, io.in()), Inputs.name(file));
        List<SchemaViolation> violations = CoherenceSchemas.validate(input);
        if (violations.isEmpty()) {
            noteMisspeltDetailType(input);
            io.out().println("valid");
            return ExitCode.OK;
        }
        for (SchemaViolation violation : violations) {
            String pointer = violation.pointer().isEmpty() ? "(document)" : violation.pointer();
            io.out().println(pointer + ": " + CliMessages.of(violation.message()) + " [" + violation.keyword() + "]");
        }
        io.err().println(violations.size() + (violations.size() == 1 ? " violation" : " violations"));
        return ExitCode.NEGATIVE;
    }

    private void noteMisspeltDetailType(byte[] input) {
        try {
            CliMessages.misspeltDetailType(CoherenceEvents.parse(input), Inputs.name(file))
                    .ifPresent(note -> io.err().println("coherence-events: " + note));
        } catch (CoherenceEventException e) {
            // Valid by the schemas but not an event the model reads: validate reports the schemas' verdict only.
        }
    }
}
