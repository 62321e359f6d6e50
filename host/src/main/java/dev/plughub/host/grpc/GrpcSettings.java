package dev.plughub.host.grpc;

import java.util.Objects;

/**
 * The host's settings for out-of-process plugins (part of {@code HostConfig}).
 *
 * @param limits               resource limits on every plugin process
 * @param restarts             supervised restart after a process dies while active
 * @param allowRemoteEndpoints whether a manifest's {@code endpoint} may name a non-loopback address
 *                             (seed 004: remote endpoints are blocked unless enabled in config)
 */
public record GrpcSettings(ProcessLimits limits, RestartPolicy restarts, boolean allowRemoteEndpoints) {

    public GrpcSettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(restarts, "restarts");
    }

    public static GrpcSettings defaults() {
        return new GrpcSettings(ProcessLimits.defaults(), RestartPolicy.defaults(), false);
    }

    public GrpcSettings withLimits(ProcessLimits value) {
        return new GrpcSettings(value, restarts, allowRemoteEndpoints);
    }

    public GrpcSettings withRestarts(RestartPolicy value) {
        return new GrpcSettings(limits, value, allowRemoteEndpoints);
    }

    public GrpcSettings withRemoteEndpoints(boolean allowed) {
        return new GrpcSettings(limits, restarts, allowed);
    }
}
