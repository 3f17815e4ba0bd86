package io.streamline.tuning.console;

import java.time.Duration;

/** A child JVM's main for the detection tests: reports progress on its standard output the way commands do. */
public final class ProgressDemo {
    private ProgressDemo() {
    }

    public static void main(String[] args) {
        try (CommandProgress progress = CommandProgress.onStandardOutput()) {
            progress.line("begin");
            for (int second = 0; second <= 3; second++) {
                progress.status(new Status("demo", Duration.ofSeconds(second), Duration.ofSeconds(3), 1234.0, 5.5));
            }
            progress.lines().println("a printed line");
        }
        System.out.println("end");
    }
}
