package dev.plughub.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.host.PluginHost;
import dev.plughub.host.testing.Hosts;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI description of /system/plugins and the routes the admin API mounts are the same set. */
class AdminRoutesDescriptionTest {

    @TempDir
    Path home;

    @Test
    void every_admin_route_is_described_and_every_described_one_is_served() {
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            HostAdminRoutes routes = new HostAdminRoutes(host, HostAuth.of(Optional.empty(), Optional.of("t")));
            Javalin app = Javalin.create(config -> routes.register(config.routes));

            List<String> served = app.unsafe.internalRouter.allHttpHandlers().stream()
                    .map(e -> e.endpoint)
                    .filter(e -> e.method.isHttpMethod())
                    .map(e -> e.method.name() + " " + e.path)
                    .toList();
            List<String> described = OpenApiCheck.describedRoutes().stream()
                    .filter(route -> route.contains(" " + HostAdminRoutes.BASE))
                    .toList();

            assertThat(served).hasSizeGreaterThan(20);
            assertThat(described).containsExactlyInAnyOrderElementsOf(served);
        }
    }
}
