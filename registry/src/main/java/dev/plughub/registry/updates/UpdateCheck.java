package dev.plughub.registry.updates;

import dev.plughub.core.version.Version;
import dev.plughub.core.version.VersionRange;
import dev.plughub.registry.resolve.PluginReleases;
import dev.plughub.registry.resolve.Release;
import dev.plughub.registry.resolve.ReleaseStore;
import dev.plughub.registry.resolve.VersionChoice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * For each installed plugin, the newest version the client may move to: newer than the installed one
 * (never a downgrade), not yanked, running on the client's host, and a pre-release only when asked
 * for or when the installed version is a pre-release of the same MAJOR.MINOR.PATCH ({@link VersionChoice}).
 * Plugins the registry does not have, or has banned, are listed apart.
 */
public final class UpdateCheck {

    private final ReleaseStore store;

    public UpdateCheck(ReleaseStore store) {
        this.store = store;
    }

    /**
     * One installed plugin's answer. When no newer version is offered, {@code latestVersion} is the
     * installed one, and the download fields name it when the registry still has it.
     */
    public record Update(String id, String currentVersion, String latestVersion, boolean updateAvailable,
                         Optional<String> downloadUrl, Optional<String> sha256) {
    }

    /** A plugin that cannot be checked; {@code reason} is {@code not_found} or {@code banned}. */
    public record Unknown(String id, String reason) {
    }

    public record Answer(List<Update> updates, List<Unknown> unknown) {
    }

    public Answer check(UpdateRequest request) {
        Map<String, PluginReleases> found = store.find(request.plugins().stream().map(UpdateRequest.Installed::id).toList());
        List<Update> updates = new ArrayList<>();
        List<Unknown> unknown = new ArrayList<>();
        for (UpdateRequest.Installed installed : request.plugins()) {
            PluginReleases plugin = found.get(installed.id());
            if (plugin == null) {
                unknown.add(new Unknown(installed.id(), "not_found"));
            } else if (plugin.banned()) {
                unknown.add(new Unknown(installed.id(), "banned"));
            } else {
                updates.add(update(installed, plugin, request.choice()));
            }
        }
        return new Answer(updates, unknown);
    }

    private static Update update(UpdateRequest.Installed installed, PluginReleases plugin, VersionChoice choice) {
        Version current = installed.version().withoutBuild();
        VersionRange newer = VersionRange.parse(">" + current);
        Optional<Release> latest = plugin.releases().stream()
                .filter(choice::offers)
                .filter(r -> choice.matches(newer, r.version()))
                .max(Comparator.comparing(Release::version));
        if (latest.isPresent()) {
            Release r = latest.get();
            return new Update(installed.id(), installed.version().toString(), r.version().toString(), true,
                    Optional.of(r.downloadUrl()), Optional.of(r.sha256()));
        }
        Optional<Release> same = plugin.releases().stream()
                .filter(r -> r.version().withoutBuild().equals(current))
                .findFirst();
        return new Update(installed.id(), installed.version().toString(), installed.version().toString(), false,
                same.map(Release::downloadUrl), same.map(Release::sha256));
    }
}
