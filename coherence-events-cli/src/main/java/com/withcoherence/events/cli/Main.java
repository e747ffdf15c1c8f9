package com.withcoherence.events.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code coherence-events} command line: {@code demo}, {@code serve}, {@code subscribe}, {@code unsubscribe},
 * {@code list}, {@code publish}, {@code parse}, {@code validate} and {@code match}.
 *
 * <p>Exit codes are the same for every command: 0 for success (valid, matching), 1 for a negative answer about the
 * input (invalid, no match), 2 when the command could not run (usage, unreadable file, unreachable or refusing
 * service). Errors are one line on stderr; {@code --verbose} adds the stack trace.
 */
public final class Main {

    /** Where a command reads and writes; the real streams in {@link #main}, captured ones in tests. */
    record Io(InputStream in, PrintWriter out, PrintWriter err) {
    }

    private Main() {
    }

    /**
     * Runs the CLI and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        limitHttpServerWaits();
        // The client logs one INFO line per change it makes; the commands print those changes themselves, so the
        // log shows them only with --verbose. Set before any logger exists.
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(new Io(System.in, out, err), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** How long the JDK HTTP server behind {@code serve} and {@code demo} waits for a request to arrive, in s. */
    static final String MAX_REQUEST_SECONDS = "5";

    /** How long it waits for a client to take its response, in seconds. */
    static final String MAX_RESPONSE_SECONDS = "10";

    /**
     * Bounds how long the loopback endpoint's HTTP server waits for a slow client. The JDK's server reads each request
     * on one of the endpoint's few worker threads and, by default, waits forever: eight clients that send half a
     * request (a stalled script, a port scanner) would hold every worker and freeze {@code serve}. With these
     * properties its timer closes such connections. They are read once, when the JVM's first HTTP server starts, so
     * they are set here, at start-up, and only when the user has not chosen other values (-D...). The CLI owns its
     * JVM; a library must not set them for its host application, which is why the testkit does not.
     */
    static void limitHttpServerWaits() {
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
        }
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
            System.setProperty("sun.net.httpserver.maxRspTime", MAX_RESPONSE_SECONDS);
        }
    }

    /** Runs the CLI in-process and returns the exit code; never calls {@link System#exit}. */
    static int run(Io io, String... args) {
        List<String> arguments = Arrays.asList(args);
        boolean verbose = arguments.contains("--verbose") || arguments.contains("-v");
        CommandLine cli = new CommandLine(new TopCommand(io));
        for (Object command : Commands.all(io)) {
            cli.addSubcommand(command);
        }
        cli.setOut(io.out());
        cli.setErr(io.err());
        cli.setParameterExceptionHandler((exception, ignored) -> {
            CommandLine failed = exception.getCommandLine();
            io.err().println("coherence-events: " + (isUnknownCommand(exception) ? unknownCommand(failed,
                    ((UnmatchedArgumentException) exception).getUnmatched().get(0)) : exception.getMessage()));
            io.err().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            // Errors are one line (the client lists problems one per line; the CLI joins them).
            if (exception instanceof CliException) {
                io.err().println("coherence-events: " + CliMessages.oneLine(exception.getMessage()));
                if (verbose) {
                    exception.printStackTrace(io.err());
                }
                return ((CliException) exception).exitCode();
            }
            // Not a failure the commands foresee: a bug of ours. Say what happened in words, not class names.
            String what = exception.getMessage() == null ? exception.getClass().getSimpleName()
                    : CliMessages.oneLine(exception.getMessage());
            io.err().println("coherence-events: " + failed.getCommandName() + " failed unexpectedly: " + what
                    + (verbose ? "" : " (run again with --verbose for the stack trace)"));
            if (verbose) {
                exception.printStackTrace(io.err());
            }
            return ExitCode.USAGE;
        });
        int code = cli.execute(args);
        io.out().flush();
        io.err().flush();
        return code;
    }

    /** A word where the command should be: picocli says "Unmatched argument at index 0", which users misread. */
    private static boolean isUnknownCommand(CommandLine.ParameterException exception) {
        return exception instanceof UnmatchedArgumentException
                && exception.getCommandLine().getCommandSpec().parent() == null
                && !((UnmatchedArgumentException) exception).getUnmatched().isEmpty()
                && !((UnmatchedArgumentException) exception).getUnmatched().get(0).startsWith("-");
    }

    private static String unknownCommand(CommandLine top, String word) {
        List<String> commands = List.copyOf(top.getSubcommands().keySet());
        return "unknown command '" + word + "'" + Spelling.closest(word, commands, 2)
                .map(command -> "; did you mean " + command + "?").orElse(".") + " The commands are "
                + String.join(", ", commands) + ".";
    }

    /** The root command: prints its usage when called without a subcommand. */
    @Command(name = "coherence-events", mixinStandardHelpOptions = true, version = "coherence-events 0.1.0",
            description = {"React to Coherence's EventBridge events: parse and validate them, route them with "
                    + "EventBridge rules, and try it all on an embedded loopback EventBridge.",
                    "", "Start with: coherence-events demo"},
            footer = {"", "Exit codes: 0 success/match/valid, 1 no match/invalid input, 2 usage or environment "
                    + "error."})
    static final class TopCommand implements java.util.concurrent.Callable<Integer> {

        @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
                description = "Print stack traces with errors.")
        boolean verbose;

        @Spec
        CommandSpec spec;

        private final Io io;

        TopCommand(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            io.err().println("coherence-events: a command is required.");
            // The usage of the command line as built, with its subcommands (a new CommandLine(this) has none).
            spec.commandLine().usage(io.err());
            return ExitCode.USAGE;
        }
    }
}
