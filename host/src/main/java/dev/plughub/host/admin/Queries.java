package dev.plughub.host.admin;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Query parameters as a field map (the first value of each), for {@link RequestFields}. */
final class Queries {

    private Queries() {
    }

    static Map<String, Object> of(Context ctx) {
        Map<String, Object> values = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, list) -> {
            if (!list.isEmpty()) {
                values.put(name, list.get(0));
            }
        });
        return values;
    }
}
