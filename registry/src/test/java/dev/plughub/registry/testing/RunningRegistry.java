package dev.plughub.registry.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * One registry for the whole test class: started on a fresh data folder before the first test and
 * closed after the last, with a scratch folder ({@link #files}) for the packages the tests build.
 * The fields are static, and so shared by every subclass: the lock (inherited) runs the subclasses
 * one at a time, while test classes that start their own registries run beside them
 * (junit-platform.properties).
 */
@ResourceLock("dev.plughub.registry.testing.RunningRegistry")
public abstract class RunningRegistry {

    @TempDir
    protected static Path data;
    @TempDir
    protected static Path files;
    protected static TestRegistry registry;
    protected static Api api;

    @BeforeAll
    static void start() {
        registry = TestRegistry.start(data);
        api = registry.api();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }
}
