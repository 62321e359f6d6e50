package dev.plughub.registry.metrics;

import static dev.plughub.registry.metrics.PrometheusText.labels;

import com.sun.management.UnixOperatingSystemMXBean;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.plughub.registry.BuildInfo;
import dev.plughub.registry.accounts.Authenticator;
import dev.plughub.registry.admin.Access;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the registry in Prometheus' text format, for a scraper. Everything is read
 * when asked, from counters that exist anyway; the only work on the request path is
 * {@link HttpStatistics}' (Jetty's statistics). Open to administrators and to the bearer of {@code PLUGHUB_METRICS_TOKEN},
 * a token that can read metrics and nothing else.
 */
public final class MetricsRoutes {

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpStatistics http;
    private final LongSupplier plugins;
    private final LongSupplier pendingDownloads;
    private final Supplier<Map<String, HikariPoolMXBean>> pools;
    private final Access access;
    private final Optional<byte[]> token;

    public MetricsRoutes(HttpStatistics http, LongSupplier plugins, LongSupplier pendingDownloads,
                         Supplier<Map<String, HikariPoolMXBean>> pools, Access access, Optional<String> token) {
        this.http = http;
        this.plugins = plugins;
        this.pendingDownloads = pendingDownloads;
        this.pools = pools;
        this.access = access;
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    public void register(RoutesConfig routes) {
        routes.get("/metrics", this::metrics);
    }

    private void metrics(Context ctx) {
        if (!holdsMetricsToken(ctx)) {
            access.requireAdmin(ctx);
        }
        ctx.contentType(CONTENT_TYPE).result(render());
    }

    private boolean holdsMetricsToken(Context ctx) {
        Optional<String> offered = Authenticator.bearerCredential(ctx.header("Authorization"));
        return token.isPresent() && offered.isPresent()
                && MessageDigest.isEqual(offered.get().getBytes(StandardCharsets.UTF_8), token.get());
    }

    String render() {
        PrometheusText text = new PrometheusText();
        text.sample("plughub_build_info", "gauge", "The running build", labels("version", BuildInfo.VERSION), 1);
        text.gauge("plughub_plugins", "Plugins in the catalogue", plugins.getAsLong());
        text.gauge("plughub_downloads_pending", "Downloads counted in memory, not yet written to the database",
                pendingDownloads.getAsLong());
        httpMetrics(text);
        poolMetrics(text);
        jvmMetrics(text);
        return text.toString();
    }

    private void httpMetrics(PrometheusText text) {
        String help = "HTTP answers by status class since start";
        for (int statusClass = 1; statusClass <= 5; statusClass++) {
            text.sample("plughub_http_responses_total", "counter", help, labels("code", statusClass + "xx"),
                    http.answers(statusClass));
        }
        text.gauge("plughub_http_requests_active", "HTTP requests being answered now", http.getRequestsActive());
        text.counter("plughub_http_request_seconds_total", "Time spent answering HTTP requests since start",
                http.getRequestTimeTotal() / 1e9);
        text.counter("plughub_http_requests_total", "HTTP requests answered since start",
                http.answers());
        text.counter("plughub_http_sent_bytes_total", "Bytes sent in HTTP answers since start", http.getBytesWritten());
        text.counter("plughub_http_received_bytes_total", "Bytes received in HTTP requests since start", http.getBytesRead());
    }

    private void poolMetrics(PrometheusText text) {
        String help = "Database connections by pool and state";
        for (var pool : pools.get().entrySet()) {
            HikariPoolMXBean bean = pool.getValue();
            text.sample("plughub_db_connections", "gauge", help, labels("pool", pool.getKey(), "state", "active"),
                    bean.getActiveConnections());
            text.sample("plughub_db_connections", "gauge", help, labels("pool", pool.getKey(), "state", "idle"),
                    bean.getIdleConnections());
            text.sample("plughub_db_connection_waiters", "gauge", "Requests waiting for a database connection",
                    labels("pool", pool.getKey()), bean.getThreadsAwaitingConnection());
        }
    }

    private static void jvmMetrics(PrometheusText text) {
        var memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        String used = "JVM memory in use";
        text.sample("jvm_memory_used_bytes", "gauge", used, labels("area", "heap"), heap.getUsed());
        text.sample("jvm_memory_used_bytes", "gauge", used, labels("area", "nonheap"), nonHeap.getUsed());
        text.sample("jvm_memory_max_bytes", "gauge", "The most memory the JVM may use", labels("area", "heap"), heap.getMax());
        text.gauge("jvm_threads_live", "Live platform threads", ManagementFactory.getThreadMXBean().getThreadCount());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            Map<String, String> collector = labels("gc", gc.getName());
            text.sample("jvm_gc_collections_total", "counter", "Garbage collections since start", collector,
                    Math.max(0, gc.getCollectionCount()));
            text.sample("jvm_gc_collection_seconds_total", "counter", "Time spent in garbage collection since start",
                    collector, Math.max(0, gc.getCollectionTime()) / 1e3);
        }
        text.gauge("process_uptime_seconds", "Seconds since the process started",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            text.counter("process_cpu_seconds_total", "CPU time the process used", Math.max(0, os.getProcessCpuTime()) / 1e9);
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            text.gauge("process_open_fds", "Open file descriptors", unix.getOpenFileDescriptorCount());
            text.gauge("process_max_fds", "The most file descriptors the process may open", unix.getMaxFileDescriptorCount());
        }
    }
}
