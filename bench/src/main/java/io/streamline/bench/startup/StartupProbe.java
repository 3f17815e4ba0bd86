package io.streamline.bench.startup;

import io.streamline.engine.KeyValue;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.sink.ForeachWriter;
import io.streamline.engine.source.RateRow;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One start of the main job's pipeline (rate -> filter -> keyed count, continuous, 100 ms epochs) in a fresh JVM,
 * timed from outside the engine: prints one {@link #RESULT} line of milliseconds (JVM start to {@code main},
 * {@code StreamEngine.create()}, the {@code start()} call, {@code start()} to the first record at the sink,
 * {@code start()} to the first commit, {@code stop()}). With {@code --profile} it also samples the calling
 * thread during {@code start()} ({@link StartSampler}). Arguments: the checkpoint directory (new, or one a
 * previous run left: then this is a restart), then optionally {@code --profile}.
 */
public final class StartupProbe {
    static final String RESULT = "startup-ms:";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        long mainNanos = System.nanoTime();
        long jvmToMainMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        boolean profile = args.length > 1 && args[1].equals("--profile");
        AtomicLong firstRecord = new AtomicLong();

        StreamEngine engine = StreamEngine.create();
        long created = System.nanoTime();
        var writer = engine.readStream().format("rate").option("rowsPerSecond", 100_000).<RateRow>load()
                .filter(row -> row.value() % 100 != 99)
                .groupByKey(row -> row.value() % 1000).count()
                .writeStream().outputMode("update").foreach(new FirstRecord(firstRecord))
                .option("checkpointLocation", args[0]).trigger(Trigger.continuous(Duration.ofMillis(100)));
        StartSampler sampler = profile ? StartSampler.sample(Thread.currentThread()) : null;
        long startCall = System.nanoTime();
        StreamingQuery query = writer.start();
        long started = System.nanoTime();
        if (sampler != null) {
            sampler.stop();
        }
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while ((firstRecord.get() == 0 || query.lastProgress() == null) && query.isActive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long committed = System.nanoTime();
        query.stop();
        long stopped = System.nanoTime();
        if (firstRecord.get() == 0 || query.exception().isPresent()) {
            throw new IllegalStateException("no record reached the sink", query.exception().orElse(null));
        }
        System.out.printf("%s jvmToMain=%d create=%.1f start=%.1f firstRecord=%.1f firstCommit=%.1f stop=%.1f%n", RESULT,
                jvmToMainMs, ms(created - mainNanos), ms(started - startCall), ms(firstRecord.get() - startCall),
                ms(committed - startCall), ms(stopped - committed));
        if (sampler != null) {
            sampler.print(System.out);
        }
        System.exit(0);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Notes when the first row reaches the sink. */
    private record FirstRecord(AtomicLong at) implements ForeachWriter<KeyValue<Long, Long>> {
        @Override
        public boolean open(long partitionId, long epochId) {
            return true;
        }

        @Override
        public void process(KeyValue<Long, Long> value) {
            if (at.get() == 0) {
                at.set(System.nanoTime());
            }
        }

        @Override
        public void close(Throwable error) {
        }
    }
}
