package com.withcoherence.events.cli;

import java.util.List;

/** The subcommands, in the order {@code --help} lists them. */
final class Commands {

    private Commands() {
    }

    static List<Object> all(Main.Io io) {
        return List.of(new DemoCommand(io), new ServeCommand(io), new SubscribeCommand(io), new UnsubscribeCommand(io),
                new ListCommand(io), new PublishCommand(io), new ParseCommand(io), new ValidateCommand(io),
                new MatchCommand(io));
    }
}
