package io.streamline.examples;

import io.streamline.engine.KeyValue;
import io.streamline.engine.StreamEngine;
import io.streamline.tuning.console.CommandProgress;
import io.streamline.tuning.console.Status;
import io.streamline.tuning.CommandLineOptions;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.progress.LatencyPercentiles;
import io.streamline.engine.progress.StreamingQueryProgress;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The main job: a continuous pipeline on the rate source (rate -> filter -> running count per key -> memory
 * table), printing one progress line per second with end-to-end latency percentiles, and a summary at the
 * end (after a 2 s warm-up, while the JIT compiles the pipeline). Stops by itself after {@code --seconds}
 * (default 20) or on Ctrl-C, leaving a committed checkpoint.
 *
 * <p>Options: {@code --rate N} rows per second (default 100000), {@code --seconds S}, {@code --epoch-ms M}
 * (default 100), {@code --keys K} (default 1000), {@code --checkpoint DIR} (default: a temporary directory).
 */
public final class RateLatency {
    private static final int WARM_UP_SECONDS = 2;
    private static final String COLUMNS = """
            One line per second, for the last epoch committed in that second (epochs are --epoch-ms long):
              rows/s     that epoch's input rate
              p50 .. max end-to-end latency of that epoch's records, from each record's intended send time (the
                         rate source stamps every row with the moment it was due, so a stall counts against every
                         row it delays, not only the first)
              commit ms  from the epoch's marker request to its commit record in the checkpoint
            """;

    private RateLatency() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions a = CommandLineOptions.parseOrExit(args,
                "usage: examples/run.sh RateLatency [--rate N] [--seconds S] [--epoch-ms M] [--keys K] [--checkpoint DIR]",
                "rate", "seconds", "epoch-ms", "keys", "checkpoint");
        Examples.announce(RateLatency.class);
        long rate = a.longValue("rate", 100_000);
        long seconds = a.longValue("seconds", 20);
        long epochMs = a.longValue("epoch-ms", 100);
        long keys = a.longValue("keys", 1000);

        StreamEngine engine = StreamEngine.create();
        var writer = engine.readStream().option("rowsPerSecond", rate).rate()
                .filter(row -> row.value() % 100 != 99)
                .groupByKey(row -> row.value() % keys)
                .count()
                .writeStream().format("memory").queryName("counts").outputMode("update")
                .trigger(Trigger.continuous(Duration.ofMillis(epochMs)));
        a.string("checkpoint").ifPresent(dir -> writer.option("checkpointLocation", dir));
        StreamingQuery query = writer.start();
        query.explain();

        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch summarised = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            interrupted.countDown(); // Ctrl-C: the main thread stops the query and prints the summary, as on a normal stop
            try {
                summarised.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.print(COLUMNS);
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(seconds).toNanos();
        long printedEpoch = -1;
        Histogram warmUp = null;
        long warmUpEnd = start + Duration.ofSeconds(WARM_UP_SECONDS).toNanos();
        try (CommandProgress progress = CommandProgress.onStandardOutput()) {
            PrintStream out = progress.lines();
            out.printf("%-7s %12s %10s %10s %10s %10s %10s%n", "epoch", "rows/s", "p50 us", "p99 us", "p99.9 us", "max us", "commit ms");
            while (System.nanoTime() < deadline && query.isActive() && !interrupted.await(1, TimeUnit.SECONDS)) {
                if (warmUp == null && System.nanoTime() > warmUpEnd) {
                    warmUp = query.latencyHistogram();
                }
                StreamingQueryProgress p = query.lastProgress();
                if (p != null && p.epochId() != printedEpoch) {
                    printedEpoch = p.epochId();
                    LatencyPercentiles l = p.latency();
                    out.printf("%-7d %12.0f %10.1f %10.1f %10.1f %10.1f %10d%n", p.epochId(), p.inputRowsPerSecond(),
                            l.p50Us(), l.p99Us(), l.p999Us(), l.maxUs(), p.durationMs().get("commit"));
                }
                progress.status(Status.of("RateLatency", Duration.ofNanos(System.nanoTime() - start),
                        Duration.ofSeconds(seconds), query));
            }
        }
        query.stop(); // closes a last epoch, so the checkpoint holds everything counted
        Histogram measured = query.latencyHistogram();
        if (warmUp != null) {
            measured.subtract(warmUp);
        }
        LatencyPercentiles total = LatencyPercentiles.of(measured);
        System.out.printf("%n%s: %d records, p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, p99.99 %.1f us, max %.1f us%n",
                warmUp != null ? "After warm-up" : "All (stopped during warm-up)", total.count(), total.p50Us(),
                total.p90Us(), total.p99Us(), total.p999Us(), total.p9999Us(), total.maxUs());
        System.out.println("Keys counted: " + engine.<KeyValue<Long, Long>>table("counts").rows().size());
        StreamingQueryProgress last = query.lastProgress();
        System.out.println("Last committed epoch: " + (last == null ? "none" : last.epochId())
                + a.string("checkpoint").map(dir -> " (checkpoint " + dir + "; run again with it to resume)").orElse(""));
        if (last != null) {
            System.out.println("Last progress:\n" + last.prettyJson());
        }
        summarised.countDown();
        query.exception().ifPresent(e -> {
            throw new IllegalStateException(e);
        });
    }
}
