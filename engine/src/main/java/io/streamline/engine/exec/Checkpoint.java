package io.streamline.engine.exec;

import io.streamline.engine.epoch.EpochListener;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.runtime.StateCheckpointer;
import io.streamline.engine.state.StateCodec;
import io.streamline.journal.CommitLog;
import io.streamline.journal.CommitRecord;
import io.streamline.journal.JournalSettings;
import io.streamline.journal.QueryMetadata;
import io.streamline.journal.SnapshotStore;
import io.streamline.journal.SnapshotWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A query's durable state under {@code checkpointLocation} (ENGINE.md §5): metadata, the commit log, the
 * micro-batch offset log and a snapshot store per stateful operator. Old journal cycles are released as newer commits make them
 * unreachable, so disk use stays bounded on a long run.
 */
final class Checkpoint implements AutoCloseable {
    /** Engine version written into new checkpoints. */
    static final String ENGINE_VERSION = "0.1.0";
    /** Retention runs every this many commits: it lists directories, which the per-epoch path need not do. */
    private static final int RETENTION_EVERY = 16;
    /** Commits kept reachable: the latest is all recovery needs; a few more help diagnosis. */
    private static final int COMMITS_KEPT = 8;

    private final Path location;
    private final boolean temporary;
    private final JournalSettings settings;
    private final QueryMetadata metadata;
    private final CommitLog commits;
    private final Map<String, SnapshotStore> stores = new HashMap<>();
    private CommitLog offsets;
    private long commitsSinceRetention;

    private Checkpoint(Path location, boolean temporary, JournalSettings settings, String fingerprint) {
        this.location = location;
        this.temporary = temporary;
        this.settings = settings;
        this.metadata = QueryMetadata.openOrCreate(location, fingerprint, ENGINE_VERSION);
        this.commits = CommitLog.open(location, settings);
    }

    /**
     * Opens (or creates) the checkpoint; a temporary one is deleted on close.
     *
     * @throws io.streamline.journal.CheckpointMismatchException if it was written by a different pipeline
     */
    static Checkpoint open(Path location, boolean temporary, String fingerprint, JournalSettings settings) {
        return new Checkpoint(location, temporary, settings, fingerprint);
    }

    Path location() {
        return location;
    }

    QueryMetadata metadata() {
        return metadata;
    }

    Optional<CommitRecord> lastCommit() {
        return commits.last();
    }

    /** The last micro-batch planned in the offset log (write-ahead), if any. */
    synchronized Optional<CommitRecord> lastPlannedBatch() {
        return offsetLog().last();
    }

    /** Appends a micro-batch's end offsets to the offset log before the batch runs. */
    synchronized void writeAhead(CommitRecord plannedBatch) {
        offsetLog().append(plannedBatch);
    }

    private CommitLog offsetLog() {
        if (offsets == null) {
            offsets = CommitLog.openOffsetLog(location, settings);
        }
        return offsets;
    }

    /** Appends the commit record: from here on the epoch is durable. */
    synchronized void commit(CommitRecord record) {
        commits.append(record);
        if (++commitsSinceRetention >= RETENTION_EVERY) {
            commitsSinceRetention = 0;
            commits.retainLast(COMMITS_KEPT);
            if (offsets != null) {
                offsets.retainLast(COMMITS_KEPT);
            }
            record.snapshotRefs().forEach((op, ref) -> store(op).retainFrom(ref));
        }
    }

    /** Writes operator state on markers and reports the snapshot to {@code listener}. */
    StateCheckpointer checkpointer(String operatorId, EpochListener listener) {
        SnapshotStore store = store(operatorId);
        return (epoch, state) -> {
            SnapshotWriter writer = store.begin(epoch);
            long[] bytes = {0};
            state.snapshot((key, value) -> {
                byte[] k = StateCodec.encode(key);
                byte[] v = StateCodec.encode(value);
                bytes[0] += k.length + v.length;
                writer.put(k, v);
            });
            long ref = writer.finish();
            listener.snapshotWritten(operatorId, epoch, ref, state.numRows(), bytes[0]);
        };
    }

    /** Loads the snapshot {@code ref} of {@code operatorId} into {@code state}. */
    void restore(String operatorId, long ref, OperatorState state) {
        store(operatorId).read(ref, (key, value) -> state.restore(StateCodec.decode(key), StateCodec.decode(value)));
    }

    private synchronized SnapshotStore store(String operatorId) {
        return stores.computeIfAbsent(operatorId, id -> SnapshotStore.open(location, id, settings));
    }

    @Override
    public synchronized void close() {
        commits.close();
        if (offsets != null) {
            offsets.close();
        }
        stores.values().forEach(SnapshotStore::close);
        stores.clear();
        if (temporary) {
            deleteRecursively(location);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
