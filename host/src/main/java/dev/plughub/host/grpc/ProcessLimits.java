package dev.plughub.host.grpc;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Resource limits put on every out-of-process plugin with {@code prlimit} (util-linux): soft and
 * hard limit alike, so the plugin cannot raise them again.
 *
 * @param openFiles    RLIMIT_NOFILE, file descriptors (sockets included)
 * @param addressSpace RLIMIT_AS in bytes; leave it off for JVM plugins unless generous (a JVM reserves
 *                     far more address space than it uses)
 * @param cpuSeconds   RLIMIT_CPU, CPU seconds over the process's life (the kernel kills it past this)
 */
public record ProcessLimits(OptionalLong openFiles, OptionalLong addressSpace, OptionalLong cpuSeconds) {

    public ProcessLimits {
        check("openFiles", openFiles);
        check("addressSpace", addressSpace);
        check("cpuSeconds", cpuSeconds);
    }

    /** 1024 open files; no address-space or CPU limit. */
    public static ProcessLimits defaults() {
        return new ProcessLimits(OptionalLong.of(1024), OptionalLong.empty(), OptionalLong.empty());
    }

    public static ProcessLimits none() {
        return new ProcessLimits(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    public ProcessLimits withOpenFiles(long value) {
        return new ProcessLimits(OptionalLong.of(value), addressSpace, cpuSeconds);
    }

    public ProcessLimits withAddressSpace(long bytes) {
        return new ProcessLimits(openFiles, OptionalLong.of(bytes), cpuSeconds);
    }

    public ProcessLimits withCpuSeconds(long seconds) {
        return new ProcessLimits(openFiles, addressSpace, OptionalLong.of(seconds));
    }

    public boolean isEmpty() {
        return openFiles.isEmpty() && addressSpace.isEmpty() && cpuSeconds.isEmpty();
    }

    /** prlimit's options for these limits, e.g. {@code --nofile=1024:1024}. */
    List<String> prlimitOptions() {
        List<String> options = new ArrayList<>();
        openFiles.ifPresent(n -> options.add("--nofile=" + n + ":" + n));
        addressSpace.ifPresent(n -> options.add("--as=" + n + ":" + n));
        cpuSeconds.ifPresent(n -> options.add("--cpu=" + n + ":" + n));
        return options;
    }

    private static void check(String name, OptionalLong value) {
        if (value == null || (value.isPresent() && value.getAsLong() < 1)) {
            throw new IllegalArgumentException(name + " must be empty or at least 1");
        }
    }
}
