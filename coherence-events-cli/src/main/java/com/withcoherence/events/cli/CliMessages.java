package com.withcoherence.events.cli;

import com.withcoherence.events.client.CoherenceClientException;

/**
 * Says the client's errors to people at a command line: the client's messages advise Java callers (which method to
 * call, which option to pass); here each piece of Java advice a CLI user could act on becomes the CLI's flag.
 */
final class CliMessages {

    private CliMessages() {
    }

    /** The client's message, with its Java advice in the CLI's terms. */
    static String of(CoherenceClientException e) {
        return e.getMessage().replace("SubscribeOption.ADOPT_EXISTING_RULE", "--adopt");
    }
}
