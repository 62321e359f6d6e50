package dev.plughub.registry.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Serialized answers of the hottest reads — plugin detail by id, plugin lists by normalized query,
 * indexes of the whole catalogue —
 * so a repeated request costs no database work and no JSON writing. Every write to the catalogue in
 * this process calls {@link #invalidate} synchronously after its commit; entries also expire after
 * {@link #FRESHNESS}, which bounds how stale the counters that change without a catalogue write
 * (downloads, ratings) can look. No answer loaded before an invalidation is served after it: lists
 * carry the generation in their key, details carry the generation they were loaded under.
 */
public final class CatalogCache {

    /** How long a cached detail may be served: counters updated elsewhere show up within this time. */
    public static final Duration FRESHNESS = Duration.ofSeconds(1);
    /**
     * Lists cost far more to compute (a search may match thousands of plugins) and their counters
     * matter less, so they are kept longer; every catalogue write still drops them at once.
     */
    public static final Duration LIST_FRESHNESS = Duration.ofSeconds(15);
    /** The most bytes each of the three caches holds. */
    static final long MAX_BYTES = 24L * 1024 * 1024;

    private final Cache<String, Detail> details;
    private final Cache<ListKey, byte[]> lists;
    private final Cache<WideKey, byte[]> wide;
    /**
     * Bumped by every invalidation and part of every list key: a list being loaded while a write
     * commits is stored under the old generation, where no later request looks.
     */
    private final AtomicLong generation = new AtomicLong();
    /**
     * Bumped by {@link #invalidateAll} only. Caffeine's invalidateAll skips loads in flight, which
     * then store what they read before the write; a detail stored under an older generation counts as
     * absent. A single plugin's {@link #invalidate} needs none: it waits for that key's load to finish.
     * Kept apart from {@link #generation} so one plugin's write does not drop every other detail.
     */
    private final AtomicLong detailGeneration = new AtomicLong();

    /** A cached detail and the {@link #detailGeneration} read before it was loaded. */
    private record Detail(long generation, Optional<byte[]> body) {
    }

    private record ListKey(long generation, ListQuery query) {
    }

    private record WideKey(long generation, String name) {
    }

    public CatalogCache() {
        this(FRESHNESS, LIST_FRESHNESS);
    }

    public CatalogCache(Duration detailFreshness, Duration listFreshness) {
        // Bounded by bytes, not entries: the server runs with a small heap and lists vary in size.
        this.details = Caffeine.newBuilder().maximumWeight(MAX_BYTES).expireAfterWrite(detailFreshness)
                .<String, Detail>weigher((id, detail) -> 64 + id.length() + detail.body().map(b -> b.length).orElse(0))
                .build();
        this.lists = Caffeine.newBuilder().maximumWeight(MAX_BYTES).expireAfterWrite(listFreshness)
                .<ListKey, byte[]>weigher((key, body) -> 256 + body.length)
                .build();
        this.wide = Caffeine.newBuilder().maximumWeight(MAX_BYTES).expireAfterWrite(listFreshness)
                .<WideKey, byte[]>weigher((key, body) -> 256 + body.length)
                .build();
    }

    /** Forgets everything cached about a plugin (its detail and every list, which may show it). */
    public void invalidate(String pluginId) {
        generation.incrementAndGet();
        details.invalidate(pluginId);
        lists.invalidateAll();
        wide.invalidateAll();
    }

    /** Forgets everything, including details being loaded right now. */
    public void invalidateAll() {
        generation.incrementAndGet();
        detailGeneration.incrementAndGet();   // before the clear: a load that starts after it reads after it
        details.invalidateAll();
        lists.invalidateAll();
        wide.invalidateAll();
    }

    /** The serialized detail answer of a plugin, empty when there is no such plugin. */
    Optional<byte[]> detail(String pluginId, Function<String, Optional<byte[]>> load) {
        long current = detailGeneration.get();
        Function<String, Detail> loadNow = id -> new Detail(detailGeneration.get(), load.apply(id));
        Detail detail = details.get(pluginId, loadNow);
        if (detail.generation() < current) {
            // Loaded before an invalidateAll. Once it is removed, the next load starts after it.
            details.asMap().remove(pluginId, detail);
            detail = details.get(pluginId, loadNow);
        }
        return detail.body();
    }

    /** The serialized detail of a plugin when it is cached right now; never loads one, never allocates. */
    Optional<byte[]> cachedDetail(String pluginId) {
        Detail detail = details.getIfPresent(pluginId);
        return detail == null || detail.generation() < detailGeneration.get() ? Optional.empty() : detail.body();
    }

    byte[] list(ListQuery query, Supplier<byte[]> load) {
        return lists.get(new ListKey(generation.get(), query), key -> load.get());
    }

    /**
     * A serialized answer computed from the whole catalogue, such as the PF4J repository index, by
     * name: kept like a list, and dropped by every catalogue write.
     */
    public byte[] catalogueWide(String name, Supplier<byte[]> load) {
        return wide.get(new WideKey(generation.get(), name), key -> load.get());
    }
}
