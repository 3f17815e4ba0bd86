package io.streamline.engine.sink;

import io.streamline.engine.OutputMode;
import io.streamline.engine.source.JournalRecords;
import io.streamline.engine.source.JournalSource;
import io.streamline.engine.source.SourceReader;
import io.streamline.journal.EntryLog;
import io.streamline.journal.JournalSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal sink and source together deliver each row exactly once: batches in micro-batch mode, rows by position in continuous mode. */
class JournalExactlyOnceTest {
    @TempDir
    Path dir;

    private final List<Object> read = new ArrayList<>();

    @Test
    void shouldSkipABatchTheJournalAlreadyEndsWhenItIsReRun() throws Exception {
        Path journal = dir.resolve("j");
        SinkSetup microBatch = new SinkSetup("q", OutputMode.APPEND, 0, 1, 0, dir, true);
        SinkWriter<Object> first = new JournalSink(journal).open(microBatch);
        first.write("a", Sinks.META);
        first.write("b", Sinks.META);
        Sinks.commit(first, 0);
        first.close(null); // crashed before the query's commit record: batch 0 runs again

        SinkWriter<Object> rerun = new JournalSink(journal).open(microBatch);
        rerun.write("a", Sinks.META);
        rerun.write("b", Sinks.META);
        Sinks.commit(rerun, 0);
        rerun.write("c", Sinks.META);
        Sinks.commit(rerun, 1);
        rerun.close(null);

        readAll(journal);
        assertThat(read).containsExactly("a", "b", "c");
    }

    @Test
    void shouldDropAGroupACrashCutShortAndResumeAfterTheLastCompleteBatch() throws Exception {
        Path journal = dir.resolve("j");
        try (EntryLog log = EntryLog.open(journal, JournalSettings.defaults())) {
            log.append(JournalRecords.encode("plain")); // written by a continuous-mode query
            log.append(JournalRecords.batchStart(7));
            log.append(JournalRecords.encode("torn")); // the process died here
            log.append(JournalRecords.batchStart(7)); // the re-run appends the whole batch again
            log.append(JournalRecords.encode("x"));
            log.append(JournalRecords.encode("y"));
            log.append(JournalRecords.batchEnd(7));
            log.append(JournalRecords.batchStart(8));
            log.append(JournalRecords.encode("not yet committed"));
        }
        String offset = readAll(journal);
        assertThat(read).containsExactly("plain", "x", "y");

        read.clear();
        try (EntryLog log = EntryLog.open(journal, JournalSettings.defaults())) {
            log.append(JournalRecords.encode("z"));
            log.append(JournalRecords.batchEnd(8));
        }
        SourceReader<Object> resumed = new JournalSource(journal, "earliest", Long.MAX_VALUE).openPartition(0, offset);
        while (resumed.poll((row, o, t, e) -> read.add(row), 100) > 0) {
            // drain
        }
        resumed.close();
        assertThat(read).as("resumed after batch 7, before the incomplete batch 8").containsExactly("not yet committed", "z");
    }

    @Test
    void continuousModeShouldDropReplayedRowsTheJournalHoldsWholeEpochsAndThePartOfTheEpochInFlight() throws Exception {
        Path journal = dir.resolve("j");
        SinkSetup continuous = new SinkSetup("q", OutputMode.APPEND, 0, 1, 0, dir, false);
        try (EntryLog log = EntryLog.open(journal, JournalSettings.defaults())) {
            log.append(JournalRecords.encode("another query's row")); // no position entry of this query before it
        }
        SinkWriter<Object> first = new JournalSink(journal).open(continuous);
        Sinks.writeKeys(first, 0, 0, 3); // epoch 0: rows 0, 1, 2
        Sinks.commit(first, 0);
        Sinks.writeKeys(first, 1, 3, 5); // epoch 1 in flight: rows 3 and 4 appended, then the process dies
        first.close(null);
        try (EntryLog log = EntryLog.open(journal, JournalSettings.defaults())) {
            assertThat(JournalSinkProgress.read(log, continuous.queryId())).as("what the restart finds")
                    .isEqualTo(new JournalSinkProgress(0, 5, 2));
        }

        // The restart replays from the last commit (none): epoch 0 again, then epoch 1 whole, with the same positions.
        SinkWriter<Object> restarted = new JournalSink(journal).open(continuous);
        Sinks.writeKeys(restarted, 0, 0, 3);
        Sinks.commit(restarted, 0);
        Sinks.writeKeys(restarted, 1, 3, 7);
        Sinks.commit(restarted, 1);
        restarted.close(null);

        readAll(journal);
        assertThat(read).containsExactly("another query's row", "0", "1", "2", "3", "4", "5", "6");
        SinkSetup otherQuery = new SinkSetup("q", OutputMode.APPEND, 0, 1, 0, dir.resolve("other-checkpoint"), false);
        try (EntryLog log = EntryLog.open(journal, JournalSettings.defaults())) {
            assertThat(JournalSinkProgress.read(log, otherQuery.queryId())).as("a query that never wrote here")
                    .isEqualTo(JournalSinkProgress.NONE);
        }
    }

    /**
     * The sink writes an epoch's position entry when the epoch's marker reaches it, which can be before the committer
     * logged the epoch's boundaries: a crash between the two leaves the epoch unlogged, and the restart closes an epoch
     * of the same id at a later record. The rows of it past the entry's sequence are new and must be appended.
     */
    @Test
    void continuousModeShouldAppendTheRowsOfAnUnloggedEpochThatTheRestartClosesLater() throws Exception {
        Path journal = dir.resolve("j");
        SinkSetup continuous = new SinkSetup("q", OutputMode.APPEND, 0, 1, 0, dir, false);
        SinkWriter<Object> first = new JournalSink(journal).open(continuous);
        Sinks.writeKeys(first, 0, 0, 3);
        first.prepare(0); // position entry (epoch 0, sequence 3); the process dies before epoch 0 is logged ahead
        first.close(null);

        SinkWriter<Object> restarted = new JournalSink(journal).open(continuous);
        Sinks.writeKeys(restarted, 0, 0, 6); // epoch 0 again, now closed three rows later
        Sinks.commit(restarted, 0);
        restarted.close(null);

        readAll(journal);
        assertThat(read).containsExactly("0", "1", "2", "3", "4", "5");
    }

    private String readAll(Path journal) {
        SourceReader<Object> reader = new JournalSource(journal, "earliest", Long.MAX_VALUE).openPartition(0, null);
        while (reader.poll((row, offset, ingest, eventTime) -> read.add(row), 100) > 0) {
            // drain what is there
        }
        String offset = reader.offset();
        reader.close();
        return offset;
    }
}
