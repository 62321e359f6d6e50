package dev.plughub.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartBodyTest {

    @TempDir
    Path dir;

    @Test
    void announces_exactly_the_length_it_sends_and_reports_the_file_bytes_read() throws Exception {
        Path file = dir.resolve("p.zip");
        byte[] content = new byte[300_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        Files.write(file, content);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("sha256", "abc");
        fields.put("changelog", "Grüße \"quoted\"");
        MultipartBody body = MultipartBody.of(fields, "plugin_file", file, "application/zip");
        List<Long> progress = new ArrayList<>();

        byte[] sent = drain(body.publisher(progress::add));

        assertThat((long) sent.length).isEqualTo(body.contentLength());
        assertThat(progress).isNotEmpty().isSorted();
        assertThat(progress.getLast()).isEqualTo(content.length);
        String text = new String(sent, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("name=\"plugin_file\"; filename=\"p.zip\"");
        assertThat(text).endsWith("--\r\n");
        assertThat(body.contentType()).startsWith("multipart/form-data; boundary=");
    }

    private static byte[] drain(java.net.http.HttpRequest.BodyPublisher publisher) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get();
        return out.toByteArray();
    }
}
