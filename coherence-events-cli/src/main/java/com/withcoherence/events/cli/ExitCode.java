package com.withcoherence.events.cli;

/** The CLI's exit codes, the same for every command. */
final class ExitCode {

    /** Success: the command did what was asked; the event is valid; the pattern matches. */
    static final int OK = 0;

    /** A negative answer about the input: it is invalid, or the pattern does not match. */
    static final int NEGATIVE = 1;

    /** The command could not run: bad usage, an unreadable file, an unreachable or refusing service. */
    static final int USAGE = 2;

    private ExitCode() {
    }
}
