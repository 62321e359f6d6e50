package dev.plughub.registry.resolve;

import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.Envelope;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.http.JsonBodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/resolve}: a complete install plan, dependencies first, or 409
 * {@code DEPENDENCY_CONFLICT} with {@code details.conflicts: [{id, required_by, range, reason}]}
 * (and {@code details.cycle} for a cycle), or 422 on {@code plugins} when the plan or the search
 * would grow past its bounds ({@link Resolver.Limits}).
 */
public final class ResolveRoutes {

    public static final String PATH = "/api/v1/resolve";

    private final ResolveService service;

    public ResolveRoutes(ResolveService service) {
        this.service = service;
    }

    /** One step of a plan, as the answer shows it. */
    public record PlanStep(String id, String version, String downloadUrl, String sha256, long fileSize) {
        static PlanStep of(Release r) {
            return new PlanStep(r.pluginId(), r.version().toString(), r.downloadUrl(), r.sha256(), r.fileSize());
        }
    }

    public record PlanAnswer(List<PlanStep> plan) {
    }

    public void register(RoutesConfig routes) {
        routes.post(PATH, this::resolve);
    }

    private void resolve(Context ctx) {
        switch (service.resolve(ResolveRequest.read(JsonBodies.read(ctx)))) {
            case Resolution.Plan plan -> ctx.json(Envelope.of(new PlanAnswer(
                    plan.installOrder().stream().map(PlanStep::of).toList())));
            case Resolution.Conflict conflict -> throw new ApiException(ErrorCode.DEPENDENCY_CONFLICT,
                    conflict.summary(), conflictDetails(conflict));
            // Too much asked of one request, like a list that is too long: a 422 on the plugins field.
            case Resolution.LimitReached limit -> throw ApiException.validation(Map.of("plugins", List.of(limit.message())));
        }
    }

    /** The items serialize as {@code {id, required_by, range, reason}} (the API's snake_case names). */
    private static Map<String, Object> conflictDetails(Resolution.Conflict conflict) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("conflicts", conflict.conflicts());
        if (!conflict.cycle().isEmpty()) {
            details.put("cycle", conflict.cycle());
        }
        return details;
    }
}
