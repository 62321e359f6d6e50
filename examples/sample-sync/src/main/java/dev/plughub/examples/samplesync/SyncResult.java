package dev.plughub.examples.samplesync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Seed 004's result: {@code {"status": "dry_run" | "completed", "count": n, "items": [...]}}. */
record SyncResult(String status, List<SyncItem> items) {

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("count", items.size());
        json.put("items", items.stream().map(SyncItem::toJson).toList());
        return json;
    }
}
