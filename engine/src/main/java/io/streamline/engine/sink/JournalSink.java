package io.streamline.engine.sink;

import io.streamline.engine.config.Options;
import io.streamline.engine.source.JournalRecords;
import io.streamline.journal.EntryLog;
import io.streamline.journal.JournalSettings;

import java.nio.file.Path;
import java.util.Set;

/**
 * Appends every row to a journal (a Chronicle queue of {@link EntryLog} entries) under {@code path}, for the
 * {@code journal} source of another query to read: the natural way to chain pipelines. Rows are stored as
 * {@link JournalRecords} describes: a {@code String} as UTF-8, any other row with Java serialization (so it
 * must be {@link java.io.Serializable}; anything else stops the query with an error naming its class).
 *
 * <p>Each row is appended as it arrives, straight into the memory-mapped queue, so a reader sees it at once
 * and it survives a crash of this process (not of the machine); {@code commitEpoch} has nothing left to do.
 * Delivery is at least once: rows of an epoch that does not commit are appended again when it is replayed.
 * Any output mode is accepted: in {@code update} or {@code complete} mode the journal is a changelog. The sink
 * is fused into the last task: an append costs about as much as a memory copy. It never deletes entries.
 */
public final class JournalSink implements StreamSink<Object> {
    /** Options this sink accepts. */
    public static final Set<String> OPTIONS = Set.of("path");

    private final Path dir;
    private final JournalSettings settings = JournalSettings.defaults();

    /** @param dir the queue's directory, created if missing */
    public JournalSink(Path dir) {
        this.dir = dir;
    }

    /** Builds the sink from string options, failing with a message that names a bad option. */
    public static JournalSink fromOptions(Options options) {
        options.requireOnly(OPTIONS);
        return new JournalSink(Path.of(options.required("path")).toAbsolutePath().normalize());
    }

    @Override
    public String format() {
        return "journal";
    }

    @Override
    public String description() {
        return "JournalSink[" + dir + "]";
    }

    @Override
    public SinkWriter<Object> open(SinkSetup setup) {
        EntryLog log = EntryLog.open(dir, settings);
        return new SinkWriter<>() {
            @Override
            public void write(Object value) {
                log.append(JournalRecords.encode(value));
            }

            @Override
            public void commitEpoch(long epoch) {
                // Every row is already in the queue: visible to readers and safe from a crash of this process.
            }

            @Override
            public void close(Throwable error) {
                log.close();
            }
        };
    }
}
