package dev.plughub.host.grpc;

import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import dev.plughub.plugin.grpc.PluginServer;
import dev.plughub.plugin.grpc.Structs;
import dev.plughub.plugin.grpc.v1.DescribeRequest;
import dev.plughub.plugin.grpc.v1.DescribeResponse;
import dev.plughub.plugin.grpc.v1.HealthResponse;
import dev.plughub.plugin.grpc.v1.InvokeRequest;
import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A real out-of-process plugin for the tests, run as its own JVM by the package's launcher
 * ({@link GrpcPackages}). Its first argument picks how it behaves:
 * {@code serve} (both services), {@code nebula} (seed 004's service only), {@code silent} (never
 * prints a handshake), {@code crash} (complains on stderr and exits with code 3).
 */
public final class TestGrpcPlugin {

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "serve" : args[0];
        switch (mode) {
            case "silent" -> {
                System.err.println("thinking about it");
                Thread.sleep(Long.MAX_VALUE);
            }
            case "crash" -> {
                System.err.println("starting up");
                System.err.println("cannot open settings.toml: no such file");
                System.exit(3);
            }
            case "nebula" -> PluginServer.serve(new Nebula());
            default -> PluginServer.serve(new Plughub(), new Nebula());
        }
    }

    /** Seed 004's service: health and sync-users answering seed 004's result shape. */
    static final class Nebula extends dev.plughub.plugin.grpc.nebula.v1.PluginServiceGrpc.PluginServiceImplBase {
        @Override
        public void health(Empty request, StreamObserver<Struct> answer) {
            answer.onNext(Structs.toStruct(Map.of("status", "ok", "served_by", "nebula")));
            answer.onCompleted();
        }

        @Override
        public void syncUsers(Struct request, StreamObserver<Struct> answer) {
            Map<String, Object> input = Structs.toMap(request);
            List<Object> items = new ArrayList<>();
            for (Object user : (List<?>) input.getOrDefault("users", List.of())) {
                Map<?, ?> fields = (Map<?, ?>) user;
                items.add(Map.of("action", "would_sync", "username", fields.get("username"),
                        "db_name", fields.get("db_name"), "role_tag", fields.get("role_tag")));
            }
            boolean dryRun = Boolean.TRUE.equals(input.get("dry_run"));
            answer.onNext(Structs.toStruct(Map.of("status", dryRun ? "dry_run" : "completed", "count", items.size(), "items", items)));
            answer.onCompleted();
        }
    }

    /** Plughub's service: a few actions that report what the process sees. */
    static final class Plughub extends dev.plughub.plugin.grpc.v1.PluginServiceGrpc.PluginServiceImplBase {
        private volatile DescribeRequest described;

        @Override
        public void describe(DescribeRequest request, StreamObserver<DescribeResponse> answer) {
            described = request;
            answer.onNext(DescribeResponse.newBuilder()
                    .addAllActions(List.of("echo", "hang", "limits", "env", "spawn-child", "whoami")).build());
            answer.onCompleted();
        }

        @Override
        public void health(Empty request, StreamObserver<HealthResponse> answer) {
            answer.onNext(HealthResponse.newBuilder().setStatus(HealthResponse.Status.OK).setMessage("serving")
                    .setChecks(Structs.toStruct(Map.of("served_by", "plughub"))).build());
            answer.onCompleted();
        }

        @Override
        public void invoke(InvokeRequest request, StreamObserver<Struct> answer) {
            try {
                Map<String, Object> input = Structs.toMap(request.getInput());
                Map<String, Object> result = switch (request.getAction()) {
                    case "echo" -> {
                        if (input.containsKey("refuse")) {
                            answer.onError(Status.INVALID_ARGUMENT.withDescription("refuse must not be set").asRuntimeException());
                            yield null;
                        }
                        System.out.println("echoing " + input.keySet());
                        yield Map.of("echo", input);
                    }
                    case "hang" -> {
                        Thread.sleep(Long.MAX_VALUE);
                        yield Map.of();
                    }
                    case "limits" -> Map.of("open_files", Files.readAllLines(Path.of("/proc/self/limits")).stream()
                            .filter(line -> line.startsWith("Max open files")).findFirst().orElse(""));
                    case "env" -> Map.of("names", new ArrayList<>(new TreeSet<>(System.getenv().keySet())),
                            "plugin_id", System.getenv("PLUGHUB_PLUGIN_ID"),
                            "data_dir", System.getenv("PLUGHUB_PLUGIN_DATA_DIR"),
                            "protocol", System.getenv("PLUGHUB_PLUGIN_PROTOCOL"));
                    case "spawn-child" -> {
                        Process child = new ProcessBuilder("sleep", "600").start();
                        yield Map.of("pid", child.pid());
                    }
                    case "whoami" -> Map.of("pid", ProcessHandle.current().pid(), "config", Structs.toMap(described.getConfig()),
                            "scopes", described.getGrantedScopesList());
                    default -> throw new IllegalArgumentException("no action " + request.getAction());
                };
                if (result != null) {
                    answer.onNext(Structs.toStruct(result));
                    answer.onCompleted();
                }
            } catch (Exception e) {
                answer.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
            }
        }
    }

    static BindableService[] both() {
        return new BindableService[] {new Plughub(), new Nebula()};
    }
}
