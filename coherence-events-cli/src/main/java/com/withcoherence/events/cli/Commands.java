package com.withcoherence.events.cli;

import java.util.List;

/** The subcommands, in the order {@code --help} lists them. */
final class Commands {

    private Commands() {
    }

    static List<Object> all(Main.Io io) {
        return List.of(new ParseCommand(io), new ValidateCommand(io), new MatchCommand(io));
    }
}
