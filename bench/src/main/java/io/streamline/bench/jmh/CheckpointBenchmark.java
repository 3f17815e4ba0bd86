package io.streamline.bench.jmh;

import io.streamline.engine.state.LongKeyedState;
import io.streamline.engine.state.StateCodec;
import io.streamline.engine.state.StateMirror;
import io.streamline.journal.CommitLog;
import io.streamline.journal.CommitRecord;
import io.streamline.journal.JournalSettings;
import io.streamline.journal.SnapshotStore;
import io.streamline.journal.SnapshotWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the journal costs per epoch: appending one commit record, and writing then reading back a full
 * state snapshot of {@code keys} entries (long keys and counts) from the snapshot writer's {@link StateMirror},
 * encoding included, as the engine writes it. The snapshot runs on the background snapshot writer, off the
 * record path; its cost bounds how often a full snapshot of large state can be taken.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class CheckpointBenchmark {
    @Param({"10000", "1000000"})
    public int keys;

    private Path dir;
    private CommitLog commits;
    private SnapshotStore snapshots;
    private final StateMirror mirror = new StateMirror();
    private long epoch;
    private long lastRef;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("checkpoint-bench-");
        commits = CommitLog.open(dir, JournalSettings.defaults());
        snapshots = SnapshotStore.open(dir, "1-count", JournalSettings.defaults());
        LongKeyedState<Long> counts = new LongKeyedState<>();
        for (long k = 0; k < keys; k++) {
            counts.insert(k, k * 7);
        }
        mirror.apply(counts.takeChanges());
        lastRef = writeSnapshot();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        commits.close();
        snapshots.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One commit record appended, as the committer thread does once per epoch. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long appendCommitRecord() {
        epoch++;
        commits.append(new CommitRecord("bench", epoch, epoch, Map.of("0-rate/0", Long.toString(epoch)), Map.of("2-count", epoch)));
        return epoch;
    }

    /** A full snapshot of {@code keys} entries written. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long writeFullSnapshot() {
        lastRef = writeSnapshot();
        return lastRef;
    }

    /** A full snapshot of {@code keys} entries read back and decoded, as recovery does. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long restoreFullSnapshot() {
        long[] sum = {0};
        snapshots.read(lastRef, (key, value) -> sum[0] += (Long) StateCodec.decode(key) + (Long) StateCodec.decode(value));
        return sum[0];
    }

    private long writeSnapshot() {
        SnapshotWriter writer = snapshots.begin(++epoch);
        mirror.writeTo(writer);
        return writer.finish();
    }
}
