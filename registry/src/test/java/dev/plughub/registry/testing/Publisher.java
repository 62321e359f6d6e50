package dev.plughub.registry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

/** Publishing through {@code POST /api/v1/plugins/upload}, with the package in {@code plugin_file}. */
public final class Publisher {

    private Publisher() {
    }

    /** Uploads the package with the given headers, answering whatever the server says. */
    public static ApiResponse upload(Api api, Path file, String... headers) {
        return api.request("POST", "/api/v1/plugins/upload").headers(headers).file("plugin_file", file).send();
    }

    /** Uploads the package with extra form fields and the given headers. */
    public static ApiResponse upload(Api api, Path file, Map<String, String> fields, String... headers) {
        return api.request("POST", "/api/v1/plugins/upload").headers(headers)
                .multipart(Map.of("plugin_file", file), fields).send();
    }

    /** Publishes as the operator and insists it worked. */
    public static ApiResponse published(Api api, Path file) {
        return published(api, file, Accounts.OPERATOR);
    }

    /** Publishes with the given headers and insists it worked. */
    public static ApiResponse published(Api api, Path file, String... headers) {
        ApiResponse r = upload(api, file, headers);
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r;
    }
}
