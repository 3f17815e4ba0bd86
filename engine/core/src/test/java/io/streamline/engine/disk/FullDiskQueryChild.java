package io.streamline.engine.disk;

import io.streamline.engine.Await;
import io.streamline.engine.CrashTestPipeline;
import io.streamline.engine.CrashTestPipeline.Tally;
import io.streamline.engine.KeyValue;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.sink.ForeachWriter;
import io.streamline.journal.CommitLog;
import io.streamline.journal.CommitRecord;
import io.streamline.journal.JournalSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Child JVM of {@link FullDiskTest}, on a small tmpfs: runs the keyed tally of {@link CrashTestPipeline} with its
 * checkpoint there, fills the file system once epochs commit and reports how the query ended; then deletes the
 * filler, restarts the query on the same checkpoint in this JVM and reports where it resumed and whether its
 * restored state counted every committed value exactly once. Argument: the tmpfs directory.
 */
public final class FullDiskQueryChild {
    static final String FAILURE = "failure";
    static final String COMMITTED_OFFSET = "committed offset";
    static final String FIRST_VALUE = "first value after restart";
    static final String ROWS = "rows after restart";
    static final String WRONG_COUNTS = "rows after restart with a wrong count";
    static final String RESTART_FAILURE = "restart failure";

    private static final String SOURCE_KEY = "0-rate/0";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private FullDiskQueryChild() {
    }

    public static void main(String[] args) throws Exception {
        Path fs = Path.of(args[0]);
        Path checkpoint = fs.resolve("checkpoint");
        Path filler = fs.resolve("filler");
        try (StreamEngine engine = StreamEngine.create()) {
            StreamingQuery first = start(engine, checkpoint, new ConcurrentLinkedQueue<>());
            Await.until("the query commits epochs", DEADLINE, () -> committedEpoch(first) >= 3);
            DiskFiller.fill(filler);
            Await.until("the query stops on the full disk", DEADLINE, () -> !first.isActive());
            ChildReport.print(FAILURE, first.exception().map(ChildReport::chain).orElse("none"));

            Files.delete(filler);
            CommitRecord last = lastCommit(checkpoint);
            ChildReport.print(COMMITTED_OFFSET, last.sourceOffsets().get(SOURCE_KEY));
            Queue<Tally> rows = new ConcurrentLinkedQueue<>();
            StreamingQuery second = start(engine, checkpoint, rows);
            Await.until("the restarted query commits epochs", DEADLINE,
                    () -> !second.isActive() || committedEpoch(second) >= last.epoch() + 3);
            second.stop();
            ChildReport.print(RESTART_FAILURE, second.exception().map(ChildReport::chain).orElse("none"));
            ChildReport.print(FIRST_VALUE, rows.isEmpty() ? "none" : rows.peek().lastValue());
            ChildReport.print(ROWS, rows.size());
            ChildReport.print(WRONG_COUNTS, rows.stream()
                    .filter(t -> t.count() != t.lastValue() / CrashTestPipeline.KEYS + 1).count());
        }
        ChildReport.done();
    }

    private static StreamingQuery start(StreamEngine engine, Path checkpoint, Queue<Tally> rows) {
        return CrashTestPipeline.tallies(engine, 2000).foreach(new Collector(rows)).outputMode("update")
                .option("checkpointLocation", checkpoint.toString())
                .trigger(Trigger.continuous(Duration.ofMillis(100)))
                .start();
    }

    private static long committedEpoch(StreamingQuery query) {
        StreamingQueryProgress progress = query.lastProgress();
        return progress == null ? -1 : progress.commitId();
    }

    private static CommitRecord lastCommit(Path checkpoint) {
        try (CommitLog commits = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            return commits.last().orElseThrow(() -> new AssertionError("no commit in " + checkpoint));
        }
    }

    /** Keeps every row, in order, for the checks after the restart. */
    private record Collector(Queue<Tally> rows) implements ForeachWriter<KeyValue<Long, Tally>> {
        @Override
        public boolean open(long partitionId, long epochId) {
            return true;
        }

        @Override
        public void process(KeyValue<Long, Tally> row) {
            rows.add(row.value());
        }

        @Override
        public void close(Throwable error) {
        }
    }
}
