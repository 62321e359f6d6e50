package dev.plughub.cli;

import dev.plughub.client.TransferListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr for transfers over {@link #THRESHOLD} bytes, drawn only where someone watches. */
final class Progress implements TransferListener {

    static final long THRESHOLD = 1024 * 1024;

    private final String task;
    private final PrintWriter err;
    private final int columns;
    private ProgressBar bar;

    private Progress(String task, PrintWriter err, int columns) {
        this.task = task;
        this.err = err;
        this.columns = columns;
    }

    /** A bar when {@code shown}, else a listener that does nothing. */
    static TransferListener of(String task, boolean shown, PrintWriter err, int columns) {
        return shown ? new Progress(task, err, columns) : TransferListener.NONE;
    }

    @Override
    public void started(long totalBytes) {
        if (totalBytes > THRESHOLD) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(totalBytes)
                    .setUnit(" MB", 1024 * 1024)
                    .setStyle(unicode() ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(100)
                    .showSpeed()
                    .setConsumer(new WriterConsumer(err, Math.min(columns, 100)))
                    .build();
        }
    }

    private static boolean unicode() {
        String encoding = System.getProperty("stderr.encoding", System.getProperty("native.encoding", ""));
        return encoding.toUpperCase(java.util.Locale.ROOT).contains("UTF");
    }

    @Override
    public void transferred(long bytes) {
        if (bar != null) {
            bar.stepTo(bytes);
        }
    }

    @Override
    public void finished() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** Draws the bar on one line of the CLI's stderr writer (the library's own consumer wants a PrintStream). */
    private record WriterConsumer(PrintWriter err, int width) implements ProgressBarConsumer {

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public void accept(String rendered) {
            synchronized (err) {
                err.print('\r');
                err.print(rendered);
                err.flush();
            }
        }

        @Override
        public void close() {
            synchronized (err) {
                err.println();
                err.flush();
            }
        }
    }
}
