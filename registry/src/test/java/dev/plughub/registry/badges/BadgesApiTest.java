package dev.plughub.registry.badges;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.downloads.CatalogFixture;
import dev.plughub.registry.downloads.ServedVersion;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admin-set and computed badges, in the badges answer, list items and the detail. */
class BadgesApiTest {

    @TempDir
    Path dataDir;

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.isTextual() ? n.asText() : n.path("badge").asText()));
        return names;
    }

    @Test
    void badges_follow_the_documented_rules() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long old = System.currentTimeMillis() - Duration.ofDays(60).toMillis();
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("fresh");
            catalog.version("fresh", "1.0.0", new byte[] {1}, "zip");

            long popular = catalog.plugin("popular-one");
            catalog.version("popular-one", "1.0.0", new byte[] {2}, "zip");
            long hot = catalog.plugin("hot");
            ServedVersion hotV = catalog.version("hot", "1.0.0", new byte[] {3}, "zip");
            long steady = catalog.plugin("steady");
            ServedVersion steadyV = catalog.version("steady", "1.0.0", new byte[] {4}, "zip");
            long plain = catalog.plugin("plain");
            catalog.version("plain", "1.0.0", new byte[] {5}, "zip");
            catalog.db().write().useHandle(h -> {
                for (long pk : List.of(popular, hot, steady, plain)) {
                    h.execute("UPDATE plugins SET created_at = ? WHERE id = ?", old, pk);
                }
                h.execute("UPDATE plugins SET downloads = 1000 WHERE id = ?", popular);
                h.execute("UPDATE plugins SET downloads = 999 WHERE id = ?", plain);
                // hot: 150 in the last 7 days, 20 in the 7 before (≥ 100 and ≥ 2×) → trending
                h.execute("INSERT INTO download_daily (version_pk, day, n) VALUES (?, ?, 150)", hotV.versionPk(),
                        today.minusDays(6).toString());
                h.execute("INSERT INTO download_daily (version_pk, day, n) VALUES (?, ?, 20)", hotV.versionPk(),
                        today.minusDays(7).toString());
                // steady: 150 and 100 (not twice as many) → not trending
                h.execute("INSERT INTO download_daily (version_pk, day, n) VALUES (?, ?, 150)", steadyV.versionPk(),
                        today.toString());
                h.execute("INSERT INTO download_daily (version_pk, day, n) VALUES (?, ?, 100)", steadyV.versionPk(),
                        today.minusDays(13).toString());
                BadgeStore store = new BadgeStore();
                assertThat(store.grant(h, plain, Badge.VERIFIED, "operator", System.currentTimeMillis())).isTrue();
                assertThat(store.grant(h, plain, Badge.VERIFIED, "operator", System.currentTimeMillis())).isFalse();
                assertThat(store.grant(h, plain, Badge.OFFICIAL, "operator", System.currentTimeMillis())).isTrue();
                assertThat(store.revoke(h, plain, Badge.OFFICIAL)).isTrue();
                assertThat(store.revoke(h, plain, Badge.OFFICIAL)).isFalse();
            });
        }
        try (TestRegistry registry = TestRegistry.start(dataDir)) {
            Api api = registry.api();
            Map<String, List<String>> expected = Map.of(
                    "fresh", List.of("new"),
                    "popular-one", List.of("popular"),
                    "hot", List.of("trending"),
                    "steady", List.of(),
                    "plain", List.of("verified"));
            Map<String, List<String>> listed = new HashMap<>();
            api.get("/api/v1/plugins?limit=100").json().path("data").path("plugins")
                    .forEach(p -> listed.put(p.path("id").asText(), names(p.path("badges"))));
            assertThat(listed).isEqualTo(expected);
            expected.forEach((id, badges) -> {
                assertThat(names(api.get("/api/v1/plugins/" + id).json().path("data").path("badges")))
                        .as(id).isEqualTo(badges);
                assertThat(names(api.get("/api/v1/plugins/" + id + "/badges").json().path("data").path("badges")))
                        .as(id).isEqualTo(badges);
            });
            JsonNode verified = api.get("/api/v1/plugins/plain/badges").json().path("data").path("badges").get(0);
            assertThat(verified.path("kind").asText()).isEqualTo("admin");
            assertThat(verified.path("granted_at").asText()).endsWith("Z");
            JsonNode fresh = api.get("/api/v1/plugins/fresh/badges").json().path("data").path("badges").get(0);
            assertThat(fresh.path("kind").asText()).isEqualTo("computed");
            assertThat(fresh.path("reason").asText()).contains("30 days");
            assertThat(api.get("/api/v1/plugins/nope/badges").status()).isEqualTo(404);
        }
    }

    @Test
    void badge_names_and_kinds() {
        assertThat(Badge.VERIFIED.apiName()).isEqualTo("verified");
        assertThat(Badge.fromApiName("Featured")).contains(Badge.FEATURED);
        assertThat(Badge.fromApiName("shiny")).isEmpty();
        assertThat(List.of(Badge.values()).stream().filter(Badge::isAdminSet).toList())
                .containsExactly(Badge.OFFICIAL, Badge.VERIFIED, Badge.FEATURED);
    }
}
