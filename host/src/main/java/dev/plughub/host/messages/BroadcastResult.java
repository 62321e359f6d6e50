package dev.plughub.host.messages;

import java.util.List;
import java.util.Map;

/**
 * Who received a broadcast.
 *
 * @param delivered ids of the plugins that took it, sorted
 * @param failed    plugin id → why it did not (threw, timed out)
 */
public record BroadcastResult(List<String> delivered, Map<String, String> failed) {

    public BroadcastResult {
        delivered = List.copyOf(delivered);
        failed = Map.copyOf(failed);
    }
}
