package dev.plughub.host.admin;

import static dev.plughub.host.admin.AdminJson.answer;
import static dev.plughub.host.admin.AdminJson.iso;
import static dev.plughub.host.admin.AdminJson.object;

import dev.plughub.host.observability.HealthReport;
import dev.plughub.host.observability.LogCursor;
import dev.plughub.host.observability.LogEntry;
import dev.plughub.host.observability.LogLevel;
import dev.plughub.host.observability.LogPage;
import dev.plughub.host.observability.LogQuery;
import dev.plughub.host.observability.MetricsSnapshot;
import dev.plughub.host.observability.OperationStats;
import dev.plughub.host.observability.SeriesMetric;
import dev.plughub.host.observability.SeriesPoint;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A plugin's health, metrics and log. */
final class ObservabilityHandlers {

    private final HostReference host;

    ObservabilityHandlers(HostReference host) {
        this.host = host;
    }

    void health(Context ctx) {
        String id = ctx.pathParam("id");
        HealthReport report = host.get().health(id);
        PluginAnswers.plain(id, "health check", report.checks());
        answer(ctx, 200, object("plugin", id, "health", HealthJson.of(report),
                "data", object("health", HealthJson.seed002(report))));
    }

    /**
     * Seed 002's metrics: series at the asked {@code resolution} (1m, 5m, 15m, 1h), only the points whose
     * interval overlaps {@code start_time}..{@code end_time} when given, only the series named in
     * {@code metrics} when given; plus totals per operation.
     */
    void metrics(Context ctx) {
        RequestFields query = RequestFields.of(Queries.of(ctx));
        String resolution = query.string("resolution").orElse("1m");
        if (!MetricsSnapshot.RESOLUTIONS.contains(resolution)) {
            query.reject("resolution", "must be one of " + String.join(", ", MetricsSnapshot.RESOLUTIONS));
        }
        Optional<Instant> from = QueryInstants.read(query, "start_time");
        Optional<Instant> to = QueryInstants.read(query, "end_time");
        if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
            query.reject("end_time", "must be after start_time");
        }
        Set<SeriesMetric> wanted = seriesNamed(ctx, query);
        query.check();
        MetricsSnapshot snapshot = host.get().metrics(ctx.pathParam("id"));
        Duration step = MetricsSnapshot.step(resolution);
        List<SeriesPoint> points = snapshot.series().getOrDefault(resolution, List.of()).stream()
                .filter(p -> from.map(f -> p.start().plus(step).isAfter(f)).orElse(true))
                .filter(p -> to.map(t -> p.start().isBefore(t)).orElse(true))
                .toList();
        Map<String, Object> series = new LinkedHashMap<>();
        wanted.forEach(metric -> series.put(metric.apiName(), points.stream()
                .map(p -> object("timestamp", iso(p.start()), "value", metric.value(p, step))).toList()));
        Map<String, Object> operations = new TreeMap<>();
        snapshot.operations().forEach((name, stats) -> operations.put(name, stats(stats)));
        Map<String, Object> timers = new TreeMap<>();
        snapshot.timers().forEach((name, stats) -> timers.put(name, stats(stats)));
        answer(ctx, 200, object("data", object(
                "plugin_id", snapshot.pluginId(),
                "time_range", object(
                        "start", iso(from.orElse(points.isEmpty() ? snapshot.at() : points.get(0).start())),
                        "end", iso(to.orElse(snapshot.at())),
                        "resolution", resolution),
                "metrics", series,
                "totals", stats(snapshot.total()),
                "operations", operations,
                "counters", new TreeMap<>(snapshot.counters()),
                "timers", timers)));
    }

    /** Seed 002's {@code metrics}: names, comma-separated, repeated or as {@code metrics[]}; every series when absent. */
    private static Set<SeriesMetric> seriesNamed(Context ctx, RequestFields query) {
        Set<SeriesMetric> wanted = EnumSet.noneOf(SeriesMetric.class);
        for (String name : Queries.list(ctx, "metrics")) {
            SeriesMetric.parse(name).ifPresentOrElse(wanted::add, () -> query.reject("metrics",
                    "must name series among " + SeriesMetric.ALLOWED + ", not '" + name.strip() + "'"
                            + (name.strip().equals("memory_usage_mb")
                            ? " (the host does not measure a plugin's own memory)" : "")));
        }
        return wanted.isEmpty() ? EnumSet.allOf(SeriesMetric.class) : wanted;
    }

    /**
     * The plugin's log, newest first: {@code level} (the least severe shown), {@code since}/{@code until}
     * (or seed 002's {@code start_time}/{@code end_time}), {@code search}, {@code limit} (or
     * {@code per_page}, at most 1000), and {@code cursor} from the previous page (or {@code page}).
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
        Optional<Instant> since = QueryInstants.read(query, "since").or(() -> QueryInstants.read(query, "start_time"));
        Optional<Instant> until = QueryInstants.read(query, "until").or(() -> QueryInstants.read(query, "end_time"));
        int limit = query.integer("limit", 1, LogQuery.MAX_LIMIT)
                .or(() -> query.integer("per_page", 1, LogQuery.MAX_LIMIT))
                .orElse(LogQuery.DEFAULT_LIMIT);
        int page = query.integer("page", 1, 1_000_000).orElse(1);
        Optional<String> cursor = query.string("cursor").filter(c -> !c.isBlank());
        if (cursor.isPresent() && LogCursor.parse(cursor.get()).isEmpty()) {
            query.reject("cursor", LogCursor.RULE + ", not '" + cursor.get() + "'");
        }
        if (since.isPresent() && until.isPresent() && !until.get().isAfter(since.get())) {
            query.reject("until", "must be after since");
        }
        Optional<String> search = query.string("search");
        query.check();
        logQuery = logQuery.withLimit(limit).withOffset((page - 1) * limit);
        logQuery = since.map(logQuery::withSince).orElse(logQuery);
        logQuery = until.map(logQuery::withUntil).orElse(logQuery);
        logQuery = search.map(logQuery::withText).orElse(logQuery);
        logQuery = cursor.map(logQuery::withCursor).orElse(logQuery);
        LogPage result;
        try {
            result = host.get().logs(ctx.pathParam("id"), logQuery);
        } catch (IllegalArgumentException e) {   // a cursor past the newest record: no page gave it out
            throw AdminException.invalid(Map.of("cursor", List.of(LogCursor.RULE + "; " + e.getMessage())));
        }
        answer(ctx, 200, object("data", object(
                "logs", result.entries().stream().map(ObservabilityHandlers::entry).toList(),
                "pagination", object(
                        "page", result.pageNumber(limit),
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
}
