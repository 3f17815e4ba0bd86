package io.streamline.engine.exec;

import io.streamline.engine.epoch.EpochCoordinator;
import io.streamline.journal.CommitLog;
import io.streamline.journal.CommitRecord;
import io.streamline.journal.JournalSettings;
import io.streamline.journal.QueryMetadata;
import io.streamline.journal.SnapshotStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A query's durable state under {@code checkpointLocation} (ENGINE.md §5): metadata, the commit log, the
 * micro-batch offset log and a snapshot store per stateful operator. Old journal cycles are released as newer commits make them
 * unreachable, so disk use stays bounded on a long run.
 */
final class Checkpoint implements AutoCloseable {
    /** Engine version written into new checkpoints. */
    static final String ENGINE_VERSION = "0.1.0";
    /**
     * The aspect of the checkpoint's recorded pipeline that holds the number of key groups. Not part of the
     * fingerprint, so that checkpoints written before it was recorded stay usable; checked on its own instead.
     */
    static final String KEY_GROUPS = "key groups";
    /** Retention runs every this many commits: it lists directories, which the per-epoch path need not do. */
    private static final int RETENTION_EVERY = 16;
    /** Commits kept reachable: the latest is all recovery needs; a few more help diagnosis. */
    private static final int COMMITS_KEPT = 8;

    private final Path location;
    private final boolean temporary;
    private final JournalSettings settings;
    private final QueryMetadata metadata;
    /** No commit log yet: nothing to recover, so the journals can open after the query started. */
    private final boolean fresh;
    private final Map<String, SnapshotStore> stores = new HashMap<>();
    private final Map<String, OperatorCheckpointer> checkpointers = new HashMap<>();
    /**
     * The query's background journal thread: opens a new checkpoint's journals, writes every state's snapshots (in
     * epoch order per state) and deletes journal files newer commits made unreachable, off the task threads and off
     * the committer.
     */
    private final ExecutorService background;
    private CommitLog commits;
    private CommitLog offsets;
    private long commitsSinceRetention;
    private boolean closed;

    private Checkpoint(Path location, boolean temporary, JournalSettings settings, String fingerprint,
                       Map<String, String> pipeline, String threadName) {
        this.background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.location = location;
        this.temporary = temporary;
        this.settings = settings;
        this.metadata = QueryMetadata.openOrCreate(location, fingerprint, pipeline, ENGINE_VERSION);
        String recordedGroups = metadata.pipeline().get(KEY_GROUPS);
        if (recordedGroups != null && pipeline.containsKey(KEY_GROUPS) && !recordedGroups.equals(pipeline.get(KEY_GROUPS))) {
            throw new IllegalStateException("Checkpoint location " + location + " was written with " + recordedGroups
                    + " key groups, but this engine has keyGroups=" + pipeline.get(KEY_GROUPS) + ": the number of key"
                    + " groups decides where every key's state lives and cannot change for a checkpoint (its parallelism"
                    + " can); build the engine with keyGroups(" + recordedGroups + ") or use a new checkpointLocation");
        }
        this.fresh = !Files.exists(location.resolve(CommitLog.DIR_NAME));
    }

    /**
     * Opens (or creates) the checkpoint; a temporary one is deleted on close.
     *
     * @param pipeline   what the fingerprint covers, in words
     * @param threadName names the query's background journal thread
     * @throws io.streamline.journal.CheckpointMismatchException if it was written by a different pipeline
     */
    static Checkpoint open(Path location, boolean temporary, String fingerprint, Map<String, String> pipeline,
                           JournalSettings settings, String threadName) {
        return new Checkpoint(location, temporary, settings, fingerprint, pipeline, threadName);
    }

    Path location() {
        return location;
    }

    QueryMetadata metadata() {
        return metadata;
    }

    Optional<CommitRecord> lastCommit() {
        return fresh ? Optional.empty() : commitLog().last();
    }

    /**
     * Opens the commit log and the snapshot stores in the background. Only a checkpoint with commits must be read
     * before the query starts; a new one is opened while the first records flow, off {@code start()}'s path
     * (Chronicle's first use in a JVM costs about half a second, bench/README.md "Start-up"). Whoever needs a
     * journal first waits for it: the first commit, the first snapshot.
     */
    void openInBackground() {
        List<String> operators = List.copyOf(checkpointers.keySet());
        background.execute(() -> {
            try {
                commitLog();
                operators.forEach(this::store);
            } catch (RuntimeException e) {
                // Not lost: the first commit or snapshot that needs the journal opens it again and fails the query.
            }
        });
    }

    private synchronized CommitLog commitLog() {
        if (commits == null) {
            commits = CommitLog.open(location, settings);
        }
        return commits;
    }

    /** The last micro-batch planned in the offset log (write-ahead), if any. */
    synchronized Optional<CommitRecord> lastPlannedBatch() {
        return offsetLog().last();
    }

    /**
     * The entries of the offset log (continuous mode: the epoch log) after {@code lastCommitted}: the consecutive
     * epochs from {@code lastCommitted + 1} whose boundaries were logged before a crash, oldest first.
     */
    synchronized List<CommitRecord> loggedAfter(long lastCommitted) {
        if (fresh) {
            return List.of();
        }
        List<CommitRecord> logged = new ArrayList<>();
        for (CommitRecord entry : offsetLog().readAll()) {
            if (entry.epoch() == lastCommitted + 1 + logged.size()) {
                logged.add(entry);
            }
        }
        return logged;
    }

    /**
     * Appends a micro-batch's end offsets to the offset log before the batch runs; in continuous mode, an epoch's
     * boundaries once every source marked it, before any sink makes it durable.
     */
    synchronized void writeAhead(CommitRecord plannedBatch) {
        offsetLog().append(plannedBatch);
    }

    private CommitLog offsetLog() {
        if (offsets == null) {
            offsets = CommitLog.openOffsetLog(location, settings);
        }
        return offsets;
    }

    /**
     * Appends the commit record: from here on the epoch is durable. Every {@value #RETENTION_EVERY} commits,
     * journal files the commit made unreachable are deleted in the background, and {@code sourcesCommitted}
     * runs there too, so sources can release what they keep for replay (a write-ahead log).
     */
    synchronized void commit(CommitRecord record, Consumer<CommitRecord> sourcesCommitted) {
        commitLog().append(record);
        if (++commitsSinceRetention >= RETENTION_EVERY) {
            commitsSinceRetention = 0;
            Map<String, Long> keepFrom = new HashMap<>();
            record.snapshotRefs().forEach((op, ref) -> keepFrom.put(op, checkpointers.get(op).retainFrom(ref)));
            background.execute(() -> {
                retain(keepFrom);
                sourcesCommitted.accept(record);
            });
        }
    }

    private synchronized void retain(Map<String, Long> snapshotsFrom) {
        if (closed) {
            return;
        }
        commitLog().retainLast(COMMITS_KEPT);
        if (offsets != null) {
            // Continuous mode logs up to MAX_EPOCHS_IN_FLIGHT epochs ahead of the last commit; recovery replays them.
            offsets.retainLast(COMMITS_KEPT + EpochCoordinator.MAX_EPOCHS_IN_FLIGHT);
        }
        snapshotsFrom.forEach((op, ref) -> store(op).retainFrom(ref));
    }

    /**
     * The checkpointer of state {@code stateId}, writing on the query's background thread; its store opens on first
     * use.
     *
     * @param grouping  how the state is split into key groups, or {@code null}
     * @param onFailure told if a background write fails
     */
    synchronized OperatorCheckpointer checkpointer(String stateId, OperatorCheckpointer.Grouping grouping,
                                                   OperatorCheckpointer.SnapshotListener listener,
                                                   Consumer<Throwable> onFailure) {
        OperatorCheckpointer checkpointer = new OperatorCheckpointer(stateId, () -> store(stateId), grouping, listener,
                background, onFailure);
        checkpointers.put(stateId, checkpointer);
        return checkpointer;
    }

    /** The snapshot store of state {@code operatorId}, opened on first use (a restore reads other instances' too). */
    synchronized SnapshotStore store(String operatorId) {
        return stores.computeIfAbsent(operatorId, id -> SnapshotStore.open(location, id, settings.forState()));
    }

    @Override
    public void close() {
        checkpointers.values().forEach(OperatorCheckpointer::close); // pending snapshot writes finish first
        background.shutdown();
        try {
            background.awaitTermination(30, TimeUnit.SECONDS); // sources are closed after this returns
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeJournals();
    }

    private synchronized void closeJournals() {
        closed = true;
        if (commits != null) {
            commits.close();
        }
        if (offsets != null) {
            offsets.close();
        }
        stores.values().forEach(SnapshotStore::close);
        stores.clear();
        if (temporary) {
            deleteRecursively(location);
        }
    }

    /** Deletes {@code dir} and everything under it. */
    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
