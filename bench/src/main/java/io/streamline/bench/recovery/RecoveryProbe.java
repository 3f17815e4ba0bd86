package io.streamline.bench.recovery;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.sink.EpochOutput;
import io.streamline.engine.sink.SinkSetup;
import io.streamline.engine.sink.SinkWriter;
import io.streamline.engine.sink.StreamSink;
import io.streamline.journal.CommitLog;
import io.streamline.journal.CommitRecord;
import io.streamline.journal.JournalSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recovery time of continuous mode with a given number of logged epochs to replay, one fresh JVM per step:
 * <ul>
 *   <li>{@code crash DIR N}: runs rate ({@value #ROWS_PER_SECOND} rows/s) -> keyed count -> a sink on its own thread,
 *       100 ms epochs; once a few epochs committed, the sink stops acknowledging from the epoch after next, so the
 *       source goes on marking epochs that are logged ahead but cannot commit; when {@code N} are logged beyond the
 *       last epoch that can commit, the JVM halts, as a {@code kill -9} would leave it. {@code N = 0}: the query is stopped after a commit instead.</li>
 *   <li>{@code restart DIR}: restarts on the checkpoint and prints {@value #RESULT}: the epochs replayed, then the
 *       milliseconds from the {@code start()} call to its return, to the first record at the sink, to the sink's end of
 *       the last replayed epoch, and to the first record of a new (not replayed) epoch. The rate source reads the
 *       replayed epochs at once but paces new rows from the committed offset, so the first new row is due about
 *       {@code N} epochs after the restart: that figure is the source's pacing, the replay's is the one before.</li>
 * </ul>
 */
public final class RecoveryProbe {
    static final String RESULT = "recovery-ms:";
    /** Commits before the sink stalls: by then the journals are open and commits follow their epochs closely. */
    private static final int COMMITS_BEFORE_STALL = 3;
    /** Slow enough that ten epochs of rows fit in the ring in front of the stalled sink: its source keeps marking. */
    private static final int ROWS_PER_SECOND = 2_000;

    private RecoveryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path checkpoint = Path.of(args[1]);
        if (args[0].equals("crash")) {
            crash(checkpoint, Integer.parseInt(args[2]));
        } else {
            restart(checkpoint);
        }
    }

    private static void crash(Path checkpoint, int toReplay) throws Exception {
        ProbeSink sink = new ProbeSink(Long.MAX_VALUE, Long.MAX_VALUE);
        StreamingQuery query = start(checkpoint, sink);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (last(checkpoint, false) < COMMITS_BEFORE_STALL - 1) { // the journals are open and commits keep up
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no commit within 60 s");
            }
            Thread.sleep(5);
        }
        if (toReplay == 0) {
            query.stop(); // commits the epoch in flight: nothing left to replay
            System.exit(0);
        }
        long committed = last(checkpoint, false);
        sink.stallFrom.set(committed + 2);
        try (CommitLog epochs = CommitLog.openOffsetLog(checkpoint, JournalSettings.defaults())) {
            while (epochs.last().map(CommitRecord::epoch).orElse(-1L) - (committed + 1) < toReplay) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no " + toReplay + " epochs logged beyond the last commit within 60 s");
                }
                Thread.onSpinWait();
            }
        }
        Runtime.getRuntime().halt(137);
    }

    private static void restart(Path checkpoint) throws Exception {
        long committed = last(checkpoint, false);
        long lastLogged = Math.max(committed, last(checkpoint, true));
        ProbeSink sink = new ProbeSink(Long.MAX_VALUE, lastLogged);
        long startCall = System.nanoTime();
        StreamingQuery query = start(checkpoint, sink);
        long started = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sink.firstNew.get() == 0 && query.isActive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        if (sink.firstNew.get() == 0) {
            throw new IllegalStateException("no record of a new epoch reached the sink", query.exception().orElse(null));
        }
        System.out.printf("%s replayed=%d start=%.1f firstRecord=%.1f replayed=%.1f firstNewRecord=%.1f%n", RESULT,
                lastLogged - committed, ms(started - startCall), ms(sink.first.get() - startCall),
                ms((lastLogged > committed ? sink.replayEnd.get() : started) - startCall), ms(sink.firstNew.get() - startCall));
        query.stop();
        System.exit(0);
    }

    private static StreamingQuery start(Path checkpoint, ProbeSink sink) {
        StreamEngine engine = StreamEngine.create();
        return engine.readStream().option("rowsPerSecond", ROWS_PER_SECOND).rate()
                .groupByKey(row -> row.value() % 1000).count()
                .writeStream().outputMode("update").sink(sink)
                .option("checkpointLocation", checkpoint.toString())
                .trigger(Trigger.continuous(Duration.ofMillis(100)))
                .start();
    }

    /** The last epoch of the commit log, or of the epoch log; -1 if none. */
    private static long last(Path checkpoint, boolean epochLog) {
        if (!Files.isDirectory(checkpoint.resolve(epochLog ? CommitLog.OFFSETS_DIR_NAME : CommitLog.DIR_NAME))) {
            return -1;
        }
        try (CommitLog log = epochLog ? CommitLog.openOffsetLog(checkpoint, JournalSettings.defaults())
                : CommitLog.open(checkpoint, JournalSettings.defaults())) {
            return log.last().map(CommitRecord::epoch).orElse(-1L);
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /**
     * A sink on a thread of its own that notes when the first record, and the first record after epoch
     * {@code lastReplayed}, arrive, and that stops acknowledging (blocks) from epoch {@code stallFrom} on.
     */
    private static final class ProbeSink implements StreamSink<Object> {
        final AtomicLong stallFrom;
        final long lastReplayed;
        final AtomicLong first = new AtomicLong();
        final AtomicLong firstNew = new AtomicLong();
        final AtomicLong replayEnd = new AtomicLong();

        ProbeSink(long stallFrom, long lastReplayed) {
            this.stallFrom = new AtomicLong(stallFrom);
            this.lastReplayed = lastReplayed;
        }

        @Override
        public String format() {
            return "probe";
        }

        @Override
        public String description() {
            return "RecoveryProbe sink";
        }

        @Override
        public boolean runsOnOwnThread() {
            return true;
        }

        @Override
        public SinkWriter<Object> open(SinkSetup setup) {
            return new SinkWriter<>() {
                @Override
                public void write(Object value, RecordMeta meta) {
                    long now = System.nanoTime();
                    first.compareAndSet(0, now);
                    if (meta.position().epoch() > lastReplayed) {
                        firstNew.compareAndSet(0, now);
                    }
                }

                @Override
                public EpochOutput prepare(long epoch) {
                    if (epoch == lastReplayed) {
                        replayEnd.set(System.nanoTime());
                    }
                    while (epoch >= stallFrom.get()) {
                        // never acknowledges: the epochs after it are logged but cannot commit
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return EpochOutput.DONE;
                        }
                    }
                    return EpochOutput.DONE;
                }
            };
        }
    }
}
