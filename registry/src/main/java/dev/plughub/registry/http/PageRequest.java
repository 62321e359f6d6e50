package dev.plughub.registry.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * {@code page} (from 1) and {@code limit} (default 20, at most 100) of a list request. A limit above
 * the maximum is lowered to it; a page or limit that is not a positive whole number is a 422.
 */
public record PageRequest(int page, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageRequest from(Context ctx) {
        return of(ctx.queryParam("page"), ctx.queryParam("limit") != null ? ctx.queryParam("limit") : ctx.queryParam("per_page"));
    }

    public static PageRequest of(String pageText, String limitText) {
        Integer page = positive(pageText, 1);
        Integer limit = positive(limitText, DEFAULT_LIMIT);
        if (page == null || limit == null) {
            var errors = new java.util.LinkedHashMap<String, List<String>>();
            if (page == null) {
                errors.put("page", List.of("page must be a whole number from 1 to " + Integer.MAX_VALUE));
            }
            if (limit == null) {
                errors.put("limit", List.of("limit must be a whole number of at least 1 (above " + MAX_LIMIT + " it is taken as " + MAX_LIMIT + ")"));
            }
            throw ApiException.validation(Map.copyOf(errors));
        }
        return new PageRequest(page, Math.min(limit, MAX_LIMIT));
    }

    private static Integer positive(String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = WholeNumbers.parseInt(text);
            return value >= 1 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public long offset() {
        return (long) (page - 1) * limit;
    }
}
