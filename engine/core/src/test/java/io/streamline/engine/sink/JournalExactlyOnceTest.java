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

/** In micro-batch mode the journal sink and source together deliver each batch exactly once. */
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
