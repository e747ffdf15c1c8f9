package com.withcoherence.events.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Indents JSON text for people; machines get the compact form with --json. */
final class PrettyJson {

    /**
     * Reads JSON the model already accepted: no length limit on numbers (the model keeps a 1,000-digit number as
     * written, so re-indenting it must not fail), EventBridge's nesting limit.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxNestingDepth(1000)
                    .build())
            .build();

    private PrettyJson() {
    }

    /**
     * Re-indents JSON text token by token. Numbers are copied as written: read as doubles, as a tree would,
     * {@code -999999999999999999E99999} became {@code "-Infinity"} and {@code 0.10000000000000000000000001} became
     * {@code 0.1}, and the CLI must never alter valid data.
     */
    static String indent(String json) {
        StringWriter out = new StringWriter();
        try (JsonParser parser = FACTORY.createParser(json);
                JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.setPrettyPrinter(new DefaultPrettyPrinter());
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    generator.writeNumber(parser.getText());
                } else {
                    generator.copyCurrentEvent(parser);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String compact(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
