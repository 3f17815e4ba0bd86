package io.streamline.bench.peers;

import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one peer job through a warm-up and a measured window and writes its result. Warm-up latencies are
 * drained from {@link SinkLatency} and dropped; the window is the sum of one interval per second, each
 * printed as it ends. The measuring thread sleeps in between, so it takes no core from the job.
 */
public final class PeerRunner {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Starts a peer's job for the given options. */
    @FunctionalInterface
    public interface Starter {
        /** Starts the job; it runs until the returned peer is closed. */
        RunningPeer start(PeerOptions options) throws Exception;
    }

    private PeerRunner() {
    }

    /**
     * A runner's {@code main}: parses {@code args}, runs the job, writes the files and exits, because the
     * peers leave non-daemon threads behind. Exits with 2 and {@code usage} on a bad command line, with 1
     * if the job fails.
     *
     * @param own the runner's own options, each with its default (null: required)
     */
    public static void main(String usage, Map<String, String> own, Starter starter, String... args) {
        PeerOptions options = OptionPairs.orExit(usage, () -> PeerOptions.parse(own, args));
        try {
            run(options, starter);
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(PeerOptions options, Starter starter) throws Exception {
        Path hgrm = ResultFiles.hgrmPath(options.json());
        PeerResult result;
        Histogram window = new Histogram(3);
        try (RunningPeer peer = starter.start(options)) {
            System.out.printf("== %s, %s at %,d rec/s: %d s warm-up, %d s measured%n", peer.engine(), peer.config(),
                    options.rate(), options.warmupSeconds(), options.seconds());
            TimeUnit.SECONDS.sleep(options.warmupSeconds());
            SinkLatency.interval();
            long start = System.nanoTime();
            for (int second = 1; second <= options.seconds(); second++) {
                sleepUntil(start + second * NANOS_PER_SECOND);
                Histogram interval = SinkLatency.interval();
                window.add(interval);
                System.out.printf("  %3d s  %,9d rec  p50 %10.1f µs  p99 %10.1f µs  max %10.1f µs%n", second,
                        interval.getTotalCount(), interval.getValueAtPercentile(50) / 1e3,
                        interval.getValueAtPercentile(99) / 1e3, interval.getMaxValue() / 1e3);
            }
            result = PeerResult.of(peer, options, window, System.nanoTime() - start, hgrm.getFileName().toString());
        }
        if (result.records() == 0) {
            throw new IllegalStateException("no record reached the sink in the measured window");
        }
        ResultFiles.writeHgrm(hgrm, window);
        ResultFiles.writeJson(options.json(), result);
        System.out.printf("%s, %s: %,.0f rec/s, p50 %.1f µs, p99 %.1f µs, p99.99 %.1f µs, max %.1f µs%n",
                result.engine(), result.config(), result.achievedRate(), result.p50Us(), result.p99Us(),
                result.p9999Us(), result.maxUs());
    }

    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
