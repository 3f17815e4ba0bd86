package io.streamline.engine.source;

import io.streamline.engine.OutputMode;
import io.streamline.engine.sink.JournalSink;
import io.streamline.engine.sink.SinkSetup;
import io.streamline.engine.sink.SinkWriter;
import io.streamline.engine.sink.Sinks;
import io.streamline.journal.EntryLog;
import io.streamline.journal.JournalSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal source plans micro-batches in rows, over journals that hold entries which are not rows: the continuous
 * sink's position entries and the micro-batch sink's batch markers. Batches are planned and read the way
 * {@code MicroBatchExecution} does: {@code availableOffset(max)}, then {@code pollUntil} until the reader's offset
 * reaches the planned end, where a poll that emits nothing before it is an error.
 */
class JournalBatchPlanningTest {
    @TempDir
    Path dir;

    private final List<Object> read = new ArrayList<>();

    /**
     * Three runs of a continuous query write the journal: a clean stop after epoch 1 (its last position entry followed
     * by the next run's first one), a crash in the middle of epoch 2, and a restart that replays epoch 2 (the rows the
     * crash left are dropped) and ends after epoch 3.
     */
    @Test
    void batchesOfAJournalTheContinuousSinkWroteShouldHoldMaxRecordsRowsEachAndEveryRowOnce() throws Exception {
        Path journal = dir.resolve("journal");
        SinkSetup continuous = new SinkSetup("q", OutputMode.APPEND, 0, 1, 0, dir.resolve("checkpoint"), false);
        SinkWriter<Object> run = new JournalSink(journal).open(continuous);
        epoch(run, 0, 0, 5);
        epoch(run, 1, 5, 7);
        run.close(null);
        run = new JournalSink(journal).open(continuous);
        Sinks.writeKeys(run, 2, 7, 9); // the process dies here
        run.close(null);
        run = new JournalSink(journal).open(continuous);
        epoch(run, 2, 7, 12); // the replay: 7 and 8 are in the journal already
        epoch(run, 3, 12, 14);
        run.close(null);
        assertThat(entries(journal)).as("position entries among the rows").isGreaterThan(14);

        assertThat(readInBatches(journal, 3, false)).containsExactly(3L, 3L, 3L, 3L, 2L);
        assertThat(read).isEqualTo(keys(0, 14));
        read.clear();
        assertThat(readInBatches(journal, 3, true)).as("a new reader at each planned end, as after a restart")
                .containsExactly(3L, 3L, 3L, 3L, 2L);
        assertThat(read).isEqualTo(keys(0, 14));
    }

    /** A bracketed batch is delivered whole: one larger than the limit makes a micro-batch on its own. */
    @Test
    void aBracketedBatchLargerThanMaxRecordsShouldMakeAMicroBatchOfItsOwn() throws Exception {
        Path journal = dir.resolve("journal");
        SinkSetup microBatch = new SinkSetup("q", OutputMode.APPEND, 0, 1, 0, dir.resolve("checkpoint"), true);
        SinkWriter<Object> writer = new JournalSink(journal).open(microBatch);
        epoch(writer, 0, 0, 5);
        epoch(writer, 1, 5, 6);
        epoch(writer, 2, 6, 7);
        epoch(writer, 3, 7, 10);
        writer.close(null);

        assertThat(readInBatches(journal, 2, false)).containsExactly(5L, 2L, 3L);
        assertThat(read).isEqualTo(keys(0, 10));
    }

    /** Plans and reads micro-batches of at most {@code max} rows until none is left; returns each batch's rows. */
    private List<Long> readInBatches(Path journal, long max, boolean reopenEachBatch) {
        JournalSource source = new JournalSource(journal, "earliest", max);
        List<Long> batches = new ArrayList<>();
        SourceReader<Object> reader = source.openPartition(0, null);
        try {
            String end;
            while (!(end = reader.availableOffset(max)).equals(reader.offset())) {
                long rows = 0;
                while (reader.compareOffsets(reader.offset(), end) < 0) {
                    int n = reader.pollUntil((row, offset, ingest, eventTime) -> read.add(row), 64, end);
                    assertThat(n).as("rows before the planned end %s (reader at %s)", end, reader.offset()).isPositive();
                    rows += n;
                }
                assertThat(reader.offset()).as("the reader's offset after the batch").isEqualTo(end);
                batches.add(rows);
                if (reopenEachBatch) {
                    reader.close();
                    reader = source.openPartition(0, end);
                }
            }
            assertThat(reader.latestOffset()).as("nothing left to read").isEqualTo(reader.offset());
        } finally {
            reader.close();
        }
        return batches;
    }

    private static void epoch(SinkWriter<Object> writer, long epoch, long from, long to) throws Exception {
        Sinks.writeKeys(writer, epoch, from, to);
        Sinks.commit(writer, epoch);
    }

    private static long entries(Path journal) {
        long[] n = {0};
        try (EntryLog log = EntryLog.open(journal, JournalSettings.defaults())) {
            log.forEach((index, payload) -> n[0]++);
        }
        return n[0];
    }

    private static List<Object> keys(long from, long to) {
        return LongStream.range(from, to).mapToObj(Long::toString).map(Object.class::cast).toList();
    }
}
