package dev.plughub.host.grpc;

import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import dev.plughub.plugin.Health;
import dev.plughub.plugin.InvalidInputException;
import dev.plughub.plugin.grpc.Structs;
import dev.plughub.plugin.grpc.v1.DescribeRequest;
import dev.plughub.plugin.grpc.v1.HealthResponse;
import dev.plughub.plugin.grpc.v1.InvokeRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The host's side of the gRPC contract with one plugin: both services on one plaintext loopback
 * connection, every RPC with a deadline. Knows which of the two services the plugin serves (asked
 * once, by {@link #discover}) and routes to it.
 */
final class PluginChannel implements AutoCloseable {

    /** Seed 004's action, served by nebula's SyncUsers when the plugin does not offer it through Invoke. */
    static final String SYNC_USERS = "sync-users";

    /** What the plugin serves, learned at start. */
    record Services(boolean plughub, boolean nebula, List<String> invokable) {
        Services {
            invokable = List.copyOf(invokable);
        }

        /** Every action offered: Invoke's, plus sync-users when only nebula's SyncUsers offers it. */
        List<String> actions() {
            if (nebula && !invokable.contains(SYNC_USERS)) {
                return java.util.stream.Stream.concat(invokable.stream(), java.util.stream.Stream.of(SYNC_USERS)).toList();
            }
            return invokable;
        }
    }

    private final ManagedChannel channel;
    /** Where the channel dials, for messages ({@code 127.0.0.1:45678}). */
    private final String address;
    private final dev.plughub.plugin.grpc.v1.PluginServiceGrpc.PluginServiceBlockingStub plughub;
    private final dev.plughub.plugin.grpc.nebula.v1.PluginServiceGrpc.PluginServiceBlockingStub nebula;
    private volatile Services services = new Services(false, false, List.of());

    PluginChannel(String host, int port) {
        this.channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
        this.address = host + ":" + port;
        this.plughub = dev.plughub.plugin.grpc.v1.PluginServiceGrpc.newBlockingStub(channel);
        this.nebula = dev.plughub.plugin.grpc.nebula.v1.PluginServiceGrpc.newBlockingStub(channel);
    }

    /**
     * Describe (Plughub's service) and Health (whichever service answers it), each within {@code deadline}.
     *
     * @throws PluginStartFailed when the plugin serves neither service or does not answer
     */
    Services discover(DescribeRequest request, Duration deadline) {
        boolean servesPlughub;
        List<String> invokable = List.of();
        try {
            invokable = plughub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS).describe(request).getActionsList();
            servesPlughub = true;
        } catch (StatusRuntimeException e) {
            if (!unimplemented(e)) {
                String hint = e.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE
                        ? "; nothing answered there: is the plugin listening on the port its handshake printed (or its endpoint names)?" : "";
                throw new PluginStartFailed("the plugin's Describe at " + address + " failed: " + describe(e) + hint, e);
            }
            servesPlughub = false;
        }
        boolean servesNebula;
        try {
            nebula.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS).health(Empty.getDefaultInstance());
            servesNebula = true;
        } catch (StatusRuntimeException e) {
            if (!unimplemented(e)) {
                throw new PluginStartFailed("the plugin's Health (nebula.plugin.v1) failed: " + describe(e), e);
            }
            servesNebula = false;
        }
        if (!servesPlughub && !servesNebula) {
            throw new PluginStartFailed("the plugin serves neither plughub.plugin.v1.PluginService nor "
                    + "nebula.plugin.v1.PluginService (both answered UNIMPLEMENTED)");
        }
        services = new Services(servesPlughub, servesNebula, invokable);
        return services;
    }

    Services services() {
        return services;
    }

    /** Plughub's Health when the plugin serves it, else nebula's (a JSON object with a "status"). */
    Health health(Duration deadline) {
        if (services.plughub()) {
            try {
                return fromPlughub(plughub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                        .health(Empty.getDefaultInstance()));
            } catch (StatusRuntimeException e) {
                if (!unimplemented(e) || !services.nebula()) {
                    throw new RemoteCallFailed("Health", e);
                }
            }
        }
        try {
            return fromNebula(Structs.toMap(nebula.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                    .health(Empty.getDefaultInstance())));
        } catch (StatusRuntimeException e) {
            throw new RemoteCallFailed("Health", e);
        }
    }

    /** Runs an action: Invoke for the actions Describe listed, nebula's SyncUsers for seed 004's sync-users. */
    Map<String, Object> invoke(String action, Map<String, Object> input, Duration deadline) throws InvalidInputException {
        Struct body;
        try {
            body = Structs.toStruct(input);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        try {
            Struct answer = services.invokable().contains(action) || !action.equals(SYNC_USERS)
                    ? plughub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                            .invoke(InvokeRequest.newBuilder().setAction(action).setInput(body).build())
                    : nebula.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS).syncUsers(body);
            return Structs.toMap(answer);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
                throw new InvalidInputException(Optional.ofNullable(e.getStatus().getDescription()).orElse("invalid input"));
            }
            throw new RemoteCallFailed(action, e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }

    private static Health fromPlughub(HealthResponse answer) {
        Health.Status status = switch (answer.getStatus()) {
            case DEGRADED -> Health.Status.DEGRADED;
            case DOWN -> Health.Status.DOWN;
            default -> Health.Status.OK;
        };
        return new Health(status, answer.getMessage(), Structs.toMap(answer.getChecks()));
    }

    /** Seed 004's health is a free JSON object; its "status" and "message" are read, the rest become checks. */
    private static Health fromNebula(Map<String, Object> answer) {
        Map<String, Object> checks = new LinkedHashMap<>(answer);
        Object status = checks.remove("status");
        Object message = checks.remove("message");
        Health.Status read = switch (String.valueOf(status).toLowerCase(Locale.ROOT)) {
            case "degraded" -> Health.Status.DEGRADED;
            case "down", "error", "unhealthy", "failed" -> Health.Status.DOWN;
            default -> Health.Status.OK;
        };
        return new Health(read, message == null ? "" : String.valueOf(message), checks);
    }

    private static boolean unimplemented(StatusRuntimeException e) {
        return e.getStatus().getCode() == Status.Code.UNIMPLEMENTED;
    }

    static String describe(StatusRuntimeException e) {
        String description = e.getStatus().getDescription();
        return e.getStatus().getCode() + (description == null || description.isBlank() ? "" : " (" + description + ")");
    }

    /** The plugin answered an RPC with an error status; the message names the call and the status. */
    static final class RemoteCallFailed extends RuntimeException {
        RemoteCallFailed(String call, StatusRuntimeException e) {
            super(call + " answered " + describe(e), e);
        }
    }
}
