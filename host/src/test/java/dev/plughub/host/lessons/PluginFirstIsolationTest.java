package dev.plughub.host.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.host.PluginHost;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class loading complaints from PF4J users: a plugin bundling SLF4J dies with "loader constraint
 * violation" because it mixes its copy with the host's (pf4j/pf4j#604, pf4j/pf4j#148); a plugin's
 * {@code getResource} answers the host application's file (pf4j/pf4j#409); {@code ServiceLoader}
 * inside a plugin searches the host's class loader and finds nothing (pf4j/pf4j#474, pf4j/pf4j#588).
 */
class PluginFirstIsolationTest {

    private static final String RESOURCE = "openapi/openapi.yaml";

    @TempDir
    Path home;

    @Test
    void a_plugin_bundling_its_own_copy_of_a_host_library_runs_its_copy_without_a_linkage_error() throws Exception {
        Class<?> hosts = Class.forName("org.slf4j.LoggerFactory");
        byte[] bundled = LibraryJar.of(Map.of("org.slf4j.LoggerFactory", """
                package org.slf4j;
                public final class LoggerFactory {
                    public static String origin() { return "the plugin's own copy"; }
                }"""));
        PluginJars.plugin("logs").entry("lib/slf4j-api.jar", bundled)
                .action("origin", """
                        Class<?> type = Class.forName("org.slf4j.LoggerFactory");
                        return Map.of("origin", type.getMethod("origin").invoke(null),
                                "loader", String.valueOf(type.getClassLoader().getName()));""")
                .build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            Map<String, Object> answer = host.callAction("logs", "origin", Map.of());

            assertThat(answer).containsEntry("origin", "the plugin's own copy").containsEntry("loader", "plugin-logs");
            assertThat(hosts.getMethods()).extracting(java.lang.reflect.Method::getName).doesNotContain("origin");
        }
    }

    @Test
    void a_plugin_cannot_see_the_host_applications_libraries() throws Exception {
        Class.forName("io.javalin.Javalin");
        PluginJars.plugin("curious").action("sees", """
                try {
                    Class.forName("io.javalin.Javalin");
                    return Map.of("javalin", true);
                } catch (ClassNotFoundException e) {
                    return Map.of("javalin", false);
                }""").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.callAction("curious", "sees", Map.of())).containsEntry("javalin", false);
        }
    }

    @Test
    void each_plugin_reads_its_own_resource_and_never_the_hosts_or_another_plugins() {
        assertThat(getClass().getClassLoader().getResource(RESOURCE)).as("the host has this resource").isNotNull();
        String read = """
                java.net.URL url = getClass().getClassLoader().getResource("%s");
                if (url == null) {
                    return Map.of("found", false);
                }
                try (var in = getClass().getResourceAsStream("/%s")) {
                    return Map.of("found", true, "text", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }""".formatted(RESOURCE, RESOURCE);
        for (String id : List.of("alpha", "beta")) {
            PluginJars.plugin(id).entry(RESOURCE, ("spec of " + id).getBytes(StandardCharsets.UTF_8)).action("read", read)
                    .build(home.resolve("plugins"));
        }
        PluginJars.plugin("gamma").action("read", read).build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.callAction("alpha", "read", Map.of())).containsEntry("text", "spec of alpha");
            assertThat(host.callAction("beta", "read", Map.of())).containsEntry("text", "spec of beta");
            assertThat(host.callAction("gamma", "read", Map.of())).containsEntry("found", false);
        }
    }

    @Test
    void service_loader_in_a_plugin_finds_the_plugins_own_providers() {
        PluginJars.Builder speaker = PluginJars.plugin("speaker");
        String greeter = speaker.packageName() + ".Greeter";
        speaker.source("Greeter", "public interface Greeter { String greet(); }")
                .source("English", "public class English implements Greeter { public String greet() { return \"hello\"; } }")
                .entry("META-INF/services/" + greeter, (speaker.packageName() + ".English\n").getBytes(StandardCharsets.UTF_8))
                // ServiceLoader.load(Class) searches the thread's context class loader, as libraries do.
                .action("greetings", """
                        List<String> out = new ArrayList<>();
                        for (Greeter g : java.util.ServiceLoader.load(Greeter.class)) {
                            out.add(g.greet());
                        }
                        return Map.of("greetings", out);""")
                .build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.callAction("speaker", "greetings", Map.of())).containsEntry("greetings", List.of("hello"));
        }
    }
}
