package dev.plughub.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every command that talks to a registry shares: its options, its streams and its environment. */
abstract class ClientCommand implements Callable<Integer> {

    @ParentCommand
    PlughubCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions options;

    CliEnvironment env() {
        return root.environment();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A message for people on stdout, unless --quiet or --json asked for none; made safe for a terminal. */
    void say(String message) {
        if (!options.quiet && !options.json) {
            out().println(TerminalText.line(message));
        }
    }

    /** A warning on stderr, unless --quiet; made safe for a terminal. */
    void warn(String message) {
        if (!options.quiet) {
            err().println("plughub: warning: " + TerminalText.line(message));
            err().flush();
        }
    }

    void printJson(Object value) {
        try {
            out().println(json().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    static ObjectMapper json() {
        return Json.MAPPER;
    }

    /**
     * Built on first use, not when picocli loads the command: {@code serve} never needs it. The JSON
     * printed is the registry's data as it is, but every character {@link TerminalText#isControl}
     * names is written as a <code>&#92;u</code> escape (JSON escapes only U+0000–U+001F by itself), so that
     * the same data read on a terminal cannot drive it.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        static {
            MAPPER.getFactory().setCharacterEscapes(new TerminalSafeEscapes());
        }
    }

    /** JSON's standard escapes, and <code>&#92;uXXXX</code> for DEL, the C1 controls and the bidirectional controls. */
    private static final class TerminalSafeEscapes extends CharacterEscapes {
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        TerminalSafeEscapes() {
            ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return TerminalText.isControl(ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }
}
