package dev.plughub.registry.http;

/** The {@code pagination} object of every list answer. */
public record Pagination(int page, int limit, long total, long pages) {

    public static Pagination of(PageRequest request, long total) {
        long pages = total == 0 ? 0 : (total + request.limit() - 1) / request.limit();
        return new Pagination(request.page(), request.limit(), total, pages);
    }
}
