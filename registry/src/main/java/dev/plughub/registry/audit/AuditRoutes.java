package dev.plughub.registry.audit;

import dev.plughub.registry.admin.Access;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.Envelope;
import dev.plughub.registry.http.PageRequest;
import dev.plughub.registry.http.Pagination;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/admin/audit} (admins): the audit log, newest first, filtered by {@code actor},
 * {@code action} (exact, or a prefix such as {@code owner}), {@code target} (an id, or
 * {@code type:id}) and {@code since} (an ISO-8601 time or date). There is deliberately no route that
 * changes or removes an entry.
 */
public final class AuditRoutes {

    public record AuditPage(List<AuditLog.Entry> entries, Pagination pagination) {
    }

    private final AuditLog log;
    private final Access access;

    public AuditRoutes(AuditLog log, Access access) {
        this.log = log;
        this.access = access;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/admin/audit", this::list);
    }

    private void list(Context ctx) {
        access.requireAdmin(ctx);
        PageRequest page = PageRequest.from(ctx);
        AuditLog.Filter filter = new AuditLog.Filter(param(ctx, "actor"), param(ctx, "action"), param(ctx, "target"),
                param(ctx, "since").map(AuditRoutes::since));
        AuditLog.Entries entries = log.list(filter, page.offset(), page.limit());
        ctx.json(Envelope.of(new AuditPage(entries.entries(), Pagination.of(page, entries.total()))));
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static Instant since(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw ApiException.validation(Map.of("since", List.of(
                        "since must be an ISO-8601 time (2024-01-10T08:30:00Z) or date (2024-01-10)")));
            }
        }
    }
}
