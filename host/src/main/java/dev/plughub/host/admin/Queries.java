package dev.plughub.host.admin;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Query parameters as a field map (the first value of each), for {@link RequestFields}. */
final class Queries {

    private Queries() {
    }

    /**
     * Seed 002's array parameters as clients send them: repeated ({@code tags=a&tags=b}), comma-separated
     * ({@code tags=a,b}) or with brackets ({@code tags[]=a&tags[]=b}, as PHP's and axios' encoders
     * write them), under any of {@code names}; blank items dropped.
     */
    static List<String> list(Context ctx, String... names) {
        List<String> items = new ArrayList<>();
        for (String name : names) {
            for (String spelled : List.of(name, name + "[]")) {
                for (String value : ctx.queryParams(spelled)) {
                    Arrays.stream(value.split(",")).filter(item -> !item.isBlank()).forEach(items::add);
                }
            }
        }
        return items;
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
