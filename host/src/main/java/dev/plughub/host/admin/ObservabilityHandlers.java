package dev.plughub.host.admin;

import static dev.plughub.host.admin.AdminJson.answer;
import static dev.plughub.host.admin.AdminJson.iso;
import static dev.plughub.host.admin.AdminJson.object;

import dev.plughub.host.observability.LogEntry;
import dev.plughub.host.observability.LogLevel;
import dev.plughub.host.observability.LogPage;
import dev.plughub.host.observability.LogQuery;
import dev.plughub.host.observability.MetricsSnapshot;
import dev.plughub.host.observability.OperationStats;
import dev.plughub.host.observability.SeriesPoint;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** A plugin's health, metrics and log. */
final class ObservabilityHandlers {

    private final HostReference host;

    ObservabilityHandlers(HostReference host) {
        this.host = host;
    }

    void health(Context ctx) {
        String id = ctx.pathParam("id");
        Map<String, Object> health = HealthJson.of(host.get().health(id));
        answer(ctx, 200, object("plugin", id, "health", health, "data", object("health", health)));
    }

    /** Seed 002's metrics: series at the asked {@code resolution} (1m, 5m, 15m, 1h), plus totals per operation. */
    void metrics(Context ctx) {
        RequestFields query = RequestFields.of(Queries.of(ctx));
        String resolution = query.string("resolution").orElse("1m");
        if (!MetricsSnapshot.RESOLUTIONS.contains(resolution)) {
            query.reject("resolution", "must be one of " + String.join(", ", MetricsSnapshot.RESOLUTIONS));
        }
        query.check();
        MetricsSnapshot snapshot = host.get().metrics(ctx.pathParam("id"));
        List<SeriesPoint> points = snapshot.series().getOrDefault(resolution, List.of());
        double minutesPerPoint = minutes(resolution);
        Map<String, Object> operations = new TreeMap<>();
        snapshot.operations().forEach((name, stats) -> operations.put(name, stats(stats)));
        Map<String, Object> timers = new TreeMap<>();
        snapshot.timers().forEach((name, stats) -> timers.put(name, stats(stats)));
        answer(ctx, 200, object("data", object(
                "plugin_id", snapshot.pluginId(),
                "time_range", object(
                        "start", points.isEmpty() ? iso(snapshot.at()) : iso(points.get(0).start()),
                        "end", iso(snapshot.at()),
                        "resolution", resolution),
                "metrics", object(
                        "requests_per_minute", series(points, p -> p.count() / minutesPerPoint),
                        "response_time_ms", series(points, SeriesPoint::meanMs),
                        "error_rate", series(points, p -> p.count() == 0 ? 0 : (double) p.errors() / p.count())),
                "totals", stats(snapshot.total()),
                "operations", operations,
                "counters", new TreeMap<>(snapshot.counters()),
                "timers", timers)));
    }

    /**
     * The plugin's log, newest first: {@code level} (the least severe shown), {@code since}/{@code until}
     * (or seed 002's {@code start_time}/{@code end_time}), {@code search}, {@code limit} (or
     * {@code per_page}, at most 500), and {@code cursor} from the previous page (or {@code page}).
     */
    void logs(Context ctx) {
        RequestFields query = RequestFields.of(Queries.of(ctx));
        LogQuery logQuery = LogQuery.all();
        Optional<String> level = query.string("level");
        if (level.isPresent()) {
            Optional<LogLevel> parsed = LogLevel.parse(level.get());
            if (parsed.isEmpty()) {
                query.reject("level", "must be DEBUG, INFO, WARNING or ERROR");
            } else {
                logQuery = logQuery.withMinLevel(parsed.get());
            }
        }
        Optional<Instant> since = time(query, "since").or(() -> time(query, "start_time"));
        Optional<Instant> until = time(query, "until").or(() -> time(query, "end_time"));
        int limit = query.integer("limit", 1, LogQuery.MAX_LIMIT)
                .or(() -> query.integer("per_page", 1, LogQuery.MAX_LIMIT))
                .orElse(LogQuery.DEFAULT_LIMIT);
        int page = query.integer("page", 1, 1_000_000).orElse(1);
        Optional<String> cursor = query.string("cursor").filter(c -> !c.isBlank());
        Optional<String> search = query.string("search");
        query.check();
        logQuery = logQuery.withLimit(limit).withOffset((page - 1) * limit);
        logQuery = since.map(logQuery::withSince).orElse(logQuery);
        logQuery = until.map(logQuery::withUntil).orElse(logQuery);
        logQuery = search.map(logQuery::withText).orElse(logQuery);
        logQuery = cursor.map(logQuery::withCursor).orElse(logQuery);
        LogPage result = host.get().logs(ctx.pathParam("id"), logQuery);
        answer(ctx, 200, object("data", object(
                "logs", result.entries().stream().map(ObservabilityHandlers::entry).toList(),
                "pagination", object(
                        "page", cursor.isPresent() ? null : page,
                        "per_page", limit,
                        "total", result.total(),
                        "has_next", result.hasNext(),
                        "next_cursor", result.nextCursor().orElse(null)))));
    }

    private static Map<String, Object> entry(LogEntry e) {
        Map<String, Object> metadata = object("sequence", e.sequence());
        if (e.error() != null && !e.error().isEmpty()) {
            metadata.put("error", e.error());
        }
        return object(
                "timestamp", e.timestamp().toString(),
                "level", e.level().name(),
                "message", e.message(),
                "metadata", metadata);
    }

    private static Optional<Instant> time(RequestFields query, String field) {
        Optional<String> text = query.string(field).filter(t -> !t.isBlank());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.get()));
        } catch (DateTimeParseException e) {
            query.reject(field, "must be an ISO-8601 UTC time such as 2024-01-01T12:00:00Z");
            return Optional.empty();
        }
    }

    private static List<Map<String, Object>> series(List<SeriesPoint> points, ToDoubleFunction<SeriesPoint> value) {
        return points.stream().map(p -> object("timestamp", iso(p.start()), "value", value.applyAsDouble(p))).toList();
    }

    private static Map<String, Object> stats(OperationStats s) {
        return object(
                "count", s.count(),
                "errors", s.errors(),
                "error_rate", s.errorRate(),
                "mean_ms", s.meanMs(),
                "p50_ms", s.p50Ms(),
                "p95_ms", s.p95Ms(),
                "p99_ms", s.p99Ms(),
                "max_ms", s.maxMs());
    }

    private static double minutes(String resolution) {
        return switch (resolution) {
            case "5m" -> 5;
            case "15m" -> 15;
            case "1h" -> 60;
            default -> 1;
        };
    }
}
