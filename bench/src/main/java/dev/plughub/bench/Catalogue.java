package dev.plughub.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * What the seeded plugins say about themselves: names, descriptions, tags and categories drawn from
 * small vocabularies, reproducibly (plugin n always gets the same words). A description holds 8–14
 * of the 279 {@link #WORDS}, so a search for one word finds about 4 % of the catalogue — a few
 * hundred plugins of 10,000 — instead of all or none. bench/wrk/search.lua searches for some of them.
 */
final class Catalogue {

    static final List<String> WORDS = List.of(
            "monitor", "metrics", "dashboard", "backup", "sync", "cloud", "storage", "logging", "alerts",
            "network", "firewall", "proxy", "cache", "database", "query", "schema", "migration", "export",
            "import", "report", "chart", "graph", "timeline", "calendar", "reminder", "notes", "editor",
            "markdown", "preview", "theme", "icons", "fonts", "translate", "language", "spelling", "grammar",
            "search", "index", "crawler", "scraper", "feed", "reader", "podcast", "audio", "video", "image",
            "resize", "convert", "compress", "archive", "encrypt", "password", "vault", "token", "oauth",
            "login", "session", "webhook", "slack", "email", "chat", "bot", "scheduler", "cron", "queue",
            "worker", "pipeline", "deploy", "docker", "kubernetes", "terraform", "git", "review", "lint",
            "format", "test", "coverage", "profiler", "debugger", "tracing", "latency", "benchmark", "weather",
            "clock", "timer", "battery", "cpu", "memory", "disk", "temperature", "sensor", "camera",
            "bluetooth", "printer", "scanner", "clipboard", "screenshot", "window", "keyboard", "shortcut",
            "launcher", "terminal", "shell", "script", "python", "java", "rust", "golang", "json", "yaml",
            "csv", "excel", "pdf", "invoice", "budget", "finance", "crypto", "stocks", "maps", "travel",
            "recipe", "fitness", "health", "sleep", "music", "playlist", "radio", "lyrics", "subtitle", "movie",
            "gallery", "album", "photo", "filter", "sketch", "drawing", "diagram", "whiteboard", "mindmap", "outline",
            "todo", "kanban", "sprint", "ticket", "issue", "bug", "changelog", "release", "version", "package",
            "registry", "mirror", "download", "upload", "transfer", "ftp", "ssh", "vpn", "dns", "certificate",
            "tls", "hash", "checksum", "signature", "audit", "compliance", "policy", "role", "permission", "quota",
            "tenant", "billing", "payment", "checkout", "cart", "shop", "inventory", "warehouse", "shipping", "tracking",
            "survey", "form", "poll", "quiz", "exam", "course", "lesson", "tutor", "flashcard", "dictionary",
            "thesaurus", "wiki", "blog", "forum", "comment", "moderation", "spam", "captcha", "insights", "funnel",
            "heatmap", "screencast", "replay", "experiment", "flag", "rollout", "canary", "rollback", "incident", "pager",
            "oncall", "uptime", "ping", "probe", "healthcheck", "sla", "status", "postmortem", "runbook", "playbook",
            "ansible", "puppet", "chef", "vagrant", "helm", "istio", "envoy", "nginx", "apache", "tomcat",
            "redis", "kafka", "rabbitmq", "mqtt", "zeromq", "grpc", "graphql", "rest", "soap", "websocket",
            "socket", "http", "cookie", "cors", "jwt", "saml", "ldap", "kerberos", "sso", "mfa",
            "otp", "biometric", "fingerprint", "face", "voice", "speech", "transcribe", "dictation", "ocr", "barcode",
            "qrcode", "nfc", "rfid", "gps", "compass", "altitude", "gyroscope", "accelerometer", "drone", "robot",
            "arduino", "raspberry", "gpio", "serial", "usb", "hdmi", "headless", "kiosk", "signage");

    static final List<String> TAGS = List.of(
            "utility", "productivity", "monitoring", "security", "network", "database", "ui", "devtools",
            "automation", "analytics", "media", "integration");

    static final List<String> CATEGORIES = List.of(
            "tools", "system", "integration", "development", "communication", "data", "media", "security");

    private static final List<String> LICENSES = List.of("MIT", "Apache-2.0", "BSD-3-Clause", "GPL-3.0-only", "MPL-2.0");

    private Catalogue() {
    }

    static String pluginId(int n) {
        return "bench-plugin-%05d".formatted(n);
    }

    /** The plugin.json of version {@code version} of seeded plugin number {@code n}. */
    static String manifest(int n, String version) {
        Random random = new Random(n);
        List<String> words = pick(random, WORDS, 8 + random.nextInt(7));
        String name = "Bench " + capitalise(words.get(0)) + " " + capitalise(words.get(1)) + " %05d".formatted(n);
        String description = "A " + String.join(" ", words) + " plugin, seeded for the Plughub benchmark.";
        return manifest(pluginId(n), name, version, description,
                pick(random, TAGS, 1 + random.nextInt(3)),
                CATEGORIES.get(random.nextInt(CATEGORIES.size())),
                LICENSES.get(random.nextInt(LICENSES.size())));
    }

    static String manifest(String id, String name, String version, String description, List<String> tags,
            String category, String license) {
        return """
                {
                  "id": %s,
                  "name": %s,
                  "version": %s,
                  "description": %s,
                  "author": "Plughub Bench",
                  "license": %s,
                  "min_geektools_version": "1.0.0",
                  "homepage_url": "https://example.org/%s",
                  "repository_url": "https://example.org/%s.git",
                  "tags": %s,
                  "category": %s,
                  "changelog": %s,
                  "main_script": "src/main.py",
                  "dependencies": ["requests"],
                  "permissions": ["network"]
                }
                """.formatted(quote(id), quote(name), quote(version), quote(description), quote(license), id, id,
                tags.stream().map(Catalogue::quote).toList().toString(), quote(category),
                quote("Release " + version + "."));
    }

    private static List<String> pick(Random random, List<String> from, int count) {
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < count) {
            chosen.add(from.get(random.nextInt(from.size())));
        }
        return new ArrayList<>(chosen);
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
