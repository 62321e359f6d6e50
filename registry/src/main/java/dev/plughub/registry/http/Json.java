package dev.plughub.registry.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The API's JSON: snake_case names, times as ISO-8601 UTC to the second ({@code 2024-01-10T08:30:00Z},
 * as the seeds show), absent optionals as null.
 */
public final class Json {

    /** One mapper for {@link #bytes}: building one costs far more than a serialization. */
    private static final ObjectMapper SHARED = mapper();

    private Json() {
    }

    /** A value as the API writes JSON, for answers kept or sent already serialized. */
    public static byte[] bytes(Object value) {
        try {
            return SHARED.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an API answer is always serializable: " + value.getClass().getName(), e);
        }
    }

    public static ObjectMapper mapper() {
        SimpleModule times = new SimpleModule("plughub-times");
        times.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(format(value));
            }
        });
        return JavalinJackson.defaultMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .registerModule(new Jdk8Module())
                .registerModule(times);
    }

    /** A time as the API shows it. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
