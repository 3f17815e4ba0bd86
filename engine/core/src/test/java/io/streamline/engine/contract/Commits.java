package io.streamline.engine.contract;

import io.streamline.journal.CommitLog;
import io.streamline.journal.CommitRecord;
import io.streamline.journal.JournalSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a query's commit log from outside the query, as the crash tests do between kills. */
final class Commits {
    private Commits() {
    }

    /**
     * The last commit, if any. Read from the log itself: a sink's output may appear before its epoch's commit
     * record, and for a new checkpoint the log is created only after the query started.
     */
    static Optional<CommitRecord> last(Path checkpoint) {
        if (!Files.isDirectory(checkpoint.resolve(CommitLog.DIR_NAME))) {
            return Optional.empty();
        }
        try (CommitLog commits = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            return commits.last();
        }
    }

    /** The last committed epoch, -1 before the first. */
    static long lastEpoch(Path checkpoint) {
        return last(checkpoint).map(CommitRecord::epoch).orElse(-1L);
    }
}
