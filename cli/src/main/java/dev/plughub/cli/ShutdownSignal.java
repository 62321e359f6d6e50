package dev.plughub.cli;

import java.util.concurrent.CountDownLatch;

/**
 * When the process is asked to stop. The real one is the JVM's shutdown (SIGTERM, SIGINT); tests
 * use {@link Manual} to stop a server started in-process.
 */
public interface ShutdownSignal {

    /** Runs {@code action} when shutdown begins; {@link #await} returns once every action has finished. */
    void onShutdown(Runnable action);

    /** Blocks until shutdown has begun and the actions have run. */
    void await() throws InterruptedException;

    /**
     * The JVM's shutdown: actions run in a shutdown hook. SIGTERM and SIGINT start an orderly exit
     * with status 0 (the JVM's own handlers report 143 and 130): a stop that drained every request
     * is a success. Every other shutdown hook (JFR, the class-data archive) still runs.
     */
    static ShutdownSignal jvm() {
        return new ShutdownSignal() {
            private final CountDownLatch done = new CountDownLatch(1);

            @Override
            public void onShutdown(Runnable action) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        action.run();
                    } finally {
                        done.countDown();
                    }
                }, "plughub-shutdown"));
                for (String name : new String[] {"TERM", "INT"}) {
                    try {
                        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> System.exit(0));
                    } catch (IllegalArgumentException | UnsupportedOperationException e) {
                        // a platform without this signal keeps the JVM's default handling
                    }
                }
            }

            @Override
            public void await() throws InterruptedException {
                done.await();
            }
        };
    }

    /** A signal a test triggers by hand. */
    final class Manual implements ShutdownSignal {
        private final CountDownLatch requested = new CountDownLatch(1);
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Runnable action = () -> { };

        @Override
        public void onShutdown(Runnable action) {
            this.action = action;
        }

        @Override
        public void await() throws InterruptedException {
            requested.await();
            try {
                action.run();
            } finally {
                done.countDown();
            }
        }

        /** Asks the process to stop and waits until it has. */
        public void trigger() throws InterruptedException {
            requested.countDown();
            done.await();
        }
    }
}
