package dev.plughub.examples.grpcsync;

import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import dev.plughub.plugin.grpc.Structs;
import dev.plughub.plugin.grpc.nebula.v1.PluginServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 004's contract: {@code Health} and {@code SyncUsers}. With {@code "dry_run": true} it only
 * says what it would do ({@code would_sync}); otherwise it records the users in its data directory
 * ({@code created}, {@code updated} or {@code unchanged}). Bad input answers INVALID_ARGUMENT, which
 * the host shows as a validation error.
 */
final class SampleSyncService extends PluginServiceGrpc.PluginServiceImplBase {

    private final UserFile users;

    SampleSyncService(UserFile users) {
        this.users = users;
    }

    @Override
    public void health(Empty request, StreamObserver<Struct> answer) {
        answer.onNext(Structs.toStruct(Map.of("status", "ok", "users_known", users.count())));
        answer.onCompleted();
    }

    @Override
    public void syncUsers(Struct request, StreamObserver<Struct> answer) {
        Map<String, Object> input = Structs.toMap(request);
        List<Map<String, Object>> wanted;
        boolean dryRun;
        try {
            dryRun = flag(input.getOrDefault("dry_run", false));
            wanted = users(input.getOrDefault("users", List.of()), limit(input.getOrDefault("limit", 0L)));
        } catch (IllegalArgumentException e) {
            answer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        List<Object> items = new ArrayList<>();
        try {
            for (Map<String, Object> user : wanted) {
                String action = dryRun ? "would_sync" : users.put((String) user.get("username"),
                        String.valueOf(user.getOrDefault("db_name", "")), String.valueOf(user.getOrDefault("role_tag", "")));
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("action", action);
                item.put("username", user.get("username"));
                item.put("db_name", user.get("db_name"));
                item.put("role_tag", user.get("role_tag"));
                items.add(item);
            }
        } catch (IOException e) {
            answer.onError(Status.INTERNAL.withDescription("the user file cannot be written: " + e.getMessage()).asRuntimeException());
            return;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", dryRun ? "dry_run" : "completed");
        result.put("count", items.size());
        result.put("items", items);
        answer.onNext(Structs.toStruct(result));
        answer.onCompleted();
    }

    private static boolean flag(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw new IllegalArgumentException("dry_run must be true or false");
    }

    private static long limit(Object value) {
        if (value instanceof Long whole && whole >= 0) {
            return whole;
        }
        throw new IllegalArgumentException("limit must be a whole number, 0 or more (0 means all)");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> users(Object value, long limit) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("users must be a list of objects");
        }
        List<Map<String, Object>> users = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> user) || !(user.get("username") instanceof String name) || name.isBlank()) {
                throw new IllegalArgumentException("each user must be an object with a username");
            }
            if (limit == 0 || users.size() < limit) {
                users.add((Map<String, Object>) user);
            }
        }
        return users;
    }
}
