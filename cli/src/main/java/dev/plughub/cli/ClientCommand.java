package dev.plughub.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
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

    /** A message for people on stdout, unless --quiet or --json asked for none. */
    void say(String message) {
        if (!options.quiet && !options.json) {
            out().println(message);
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

    /** Built on first use, not when picocli loads the command: {@code serve} never needs it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }
}
