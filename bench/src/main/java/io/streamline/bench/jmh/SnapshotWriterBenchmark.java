package io.streamline.bench.jmh;

import io.streamline.engine.operator.StateChanges;
import io.streamline.engine.state.LongKeyedState;
import io.streamline.engine.state.NamespacedState;
import io.streamline.engine.state.StateMirror;
import io.streamline.journal.JournalSettings;
import io.streamline.journal.SnapshotStore;
import io.streamline.journal.SnapshotWriter;
import io.streamline.operators.window.TimeWindow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The snapshot writer's work for one epoch of the windowed count at 100k rec/s: 10,000 keys with 2 open windows each,
 * every one of the 20,000 (key, window) entries changed, applied to the writer's {@link StateMirror} and written as a
 * delta. This runs on the background writer thread, but on 2 cores that thread shares a core with everything else
 * the task thread does not use, so its time per epoch is what preempts the task thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SnapshotWriterBenchmark {
    private static final int KEYS = 10_000;
    private static final long WINDOW_MILLIS = 10_000;
    private static final long SLIDE_MILLIS = 5_000;

    private Path dir;
    private SnapshotStore snapshots;
    private final StateMirror mirror = new StateMirror();
    private final LongKeyedState<Object> windows = new LongKeyedState<>();
    private final int[] slots = new int[2 * KEYS];
    private long epoch;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("snapshot-writer-bench-");
        snapshots = SnapshotStore.open(dir, "1-window", JournalSettings.defaults());
        for (int k = 0; k < KEYS; k++) {
            for (int w = 0; w < 2; w++) {
                long start = 1_700_000_000_000L + w * SLIDE_MILLIS;
                Object entry = new NamespacedState.Entry<>((long) k, new TimeWindow(start, start + WINDOW_MILLIS));
                windows.insert(entry, 1);
                slots[2 * k + w] = windows.slotOf(entry);
            }
        }
        epoch();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        snapshots.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Every entry changed once, then the epoch's changes applied and written as the writer thread does. */
    @Benchmark
    public long epoch() {
        epoch++;
        for (int slot : slots) {
            windows.set(slot, epoch);
        }
        StateChanges changes = windows.takeChanges();
        mirror.apply(changes);
        SnapshotWriter writer = snapshots.begin(epoch);
        mirror.writeDelta(changes, writer);
        long ref = writer.finish();
        changes.release();
        return ref;
    }
}
