package io.streamline.engine;

import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.source.MemoryStream;
import io.streamline.journal.EntryLog;
import io.streamline.journal.JournalSettings;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The socket, file and journal sources plan micro-batches within their rate limits. */
class MicroBatchSourcesTest extends EngineTestSupport {
    @Test
    void shouldReadAJournalInBatchesOfMaxRecordsPerTrigger() throws Exception {
        Path journal = dir.resolve("journal");
        MemoryStream<String> input = new MemoryStream<>("in");
        input.addData("a", "b", "c", "d", "e");
        engine.readStream(input).writeStream().format("journal").option("path", journal.toString())
                .option("checkpointLocation", dir.resolve("up").toString()).start().stop();

        StreamingQuery query = engine.readStream().format("journal").option("path", journal.toString())
                .option("maxRecordsPerTrigger", 2).load()
                .writeStream().format("memory").queryName("fromJournal")
                .option("checkpointLocation", dir.resolve("down").toString()).trigger(Trigger.availableNow()).start();

        assertThat(query.awaitTermination(30_000)).isTrue();
        assertThat(engine.table("fromJournal").rows()).containsExactly("a", "b", "c", "d", "e");
        assertThat(query.recentProgress()).extracting(StreamingQueryProgress::numInputRows).containsExactly(2L, 2L, 1L);
    }

    /**
     * The continuous journal sink appends a position entry at each epoch's end and before each run's first row: over
     * an epoch per row and two runs of the writing query, most entries are not rows. Batches count rows only, and each
     * ends where its rows end.
     */
    @Test
    void shouldReadAJournalTheContinuousSinkWroteInBatchesOfMaxRecordsPerTriggerRows() throws Exception {
        Path journal = dir.resolve("journal");
        MemoryStream<String> input = new MemoryStream<>("in");
        for (List<String> run : List.of(List.of("a", "b", "c", "d", "e"), List.of("f", "g", "h"))) {
            StreamingQuery writer = engine.readStream(input).writeStream().format("journal").option("path", journal.toString())
                    .option("checkpointLocation", dir.resolve("up").toString())
                    .trigger(Trigger.continuous(Duration.ofMinutes(1))).start();
            for (String row : run) {
                input.addData(row);
                writer.processAllAvailable(); // closes the epoch holding the row
            }
            writer.stop();
        }
        try (EntryLog log = EntryLog.open(journal, JournalSettings.defaults())) {
            long[] entries = {0};
            log.forEach((index, payload) -> entries[0]++);
            assertThat(entries[0]).as("entries of the journal, 8 of them rows").isGreaterThanOrEqualTo(8 + 8 + 2);
        }

        StreamingQuery query = engine.readStream().format("journal").option("path", journal.toString())
                .option("maxRecordsPerTrigger", 3).load()
                .writeStream().format("memory").queryName("fromJournal")
                .option("checkpointLocation", dir.resolve("down").toString()).trigger(Trigger.availableNow()).start();

        assertThat(query.awaitTermination(30_000)).isTrue();
        assertThat(engine.table("fromJournal").rows()).containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
        assertThat(query.recentProgress()).extracting(StreamingQueryProgress::numInputRows).containsExactly(3L, 3L, 2L);
    }

    @Test
    void shouldReadFilesInBatchesOfMaxFilesPerTrigger() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int f = 0; f < 3; f++) {
            Path staged = Files.writeString(dir.resolve("staged" + f), "line" + f + "a\nline" + f + "b\n");
            Files.move(staged, in.resolve("file" + f + ".txt"), StandardCopyOption.ATOMIC_MOVE);
        }
        StreamingQuery query = engine.readStream().format("text").option("path", in.toString())
                .option("maxFilesPerTrigger", 1).option("fileOrder", "name").load()
                .writeStream().format("memory").queryName("fromFiles")
                .option("checkpointLocation", dir.resolve("ckpt").toString()).trigger(Trigger.availableNow()).start();

        assertThat(query.awaitTermination(30_000)).isTrue();
        assertThat(engine.table("fromFiles").rows()).containsExactly("line0a", "line0b", "line1a", "line1b", "line2a", "line2b");
        assertThat(query.recentProgress()).extracting(StreamingQueryProgress::numInputRows).containsExactly(2L, 2L, 2L);
    }

    @Test
    void shouldReadSocketLinesThroughTheWriteAheadLogInBoundedBatches() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StreamingQuery query = engine.readStream().format("socket").option("host", "127.0.0.1")
                    .option("port", server.getLocalPort()).option("maxRecordsPerTrigger", 4).<String>load()
                    .groupByKey(w -> w).count()
                    .writeStream().format("memory").queryName("fromSocket").outputMode("update")
                    .option("checkpointLocation", dir.resolve("ckpt").toString()).trigger(Trigger.processingTime(50)).start();
            try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                out.write("x\ny\nx\nz\nx\ny\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Await.until("six lines counted", () -> engine.table("fromSocket").asMap().equals(Map.of("x", 3L, "y", 2L, "z", 1L)));
            }
            // The table changes when the sink commits a batch; its progress report follows the commit record.
            Await.until("six lines in the progress reports", () -> query.recentProgress().stream()
                    .mapToLong(StreamingQueryProgress::numInputRows).sum() == 6);
            List<Long> batchSizes = query.recentProgress().stream().map(StreamingQueryProgress::numInputRows).toList();
            assertThat(batchSizes).allSatisfy(n -> assertThat(n).isBetween(1L, 4L));
        }
    }
}
