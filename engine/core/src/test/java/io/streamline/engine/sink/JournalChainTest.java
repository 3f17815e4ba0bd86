package io.streamline.engine.sink;

import io.streamline.engine.Await;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.JournalRecords;
import io.streamline.engine.source.MemoryStream;
import io.streamline.journal.EntryLog;
import io.streamline.journal.JournalSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal sink and the journal source, alone and chained. */
class JournalChainTest {
    record Reading(String sensor, double value) implements Serializable {
    }

    /** Not Serializable: the sink must refuse it by name. */
    static final class Opaque {
    }

    private final StreamEngine engine = StreamEngine.create();

    @TempDir
    Path tmp;

    @AfterEach
    void stopAll() {
        engine.close();
    }

    private StreamingQuery upstream(MemoryStream<?> input, Path journal) {
        return engine.readStream(input).writeStream().format("journal").option("path", journal.toString())
                .option("checkpointLocation", tmp.resolve("ckpt-up").toString()).trigger(Trigger.continuous(20)).start();
    }

    private StreamingQuery downstream(String table, Path journal, String startingIndex) {
        var reader = engine.readStream().format("journal").option("path", journal.toString()).option("waitForPath", true);
        if (startingIndex != null) {
            reader = reader.option("startingIndex", startingIndex);
        }
        return reader.load().writeStream().format("memory").queryName(table)
                .option("checkpointLocation", tmp.resolve("ckpt-" + table).toString()).trigger(Trigger.continuous(20)).start();
    }

    private List<Object> rows(String table) {
        return engine.table(table).rows();
    }

    /** The indices of the journal's rows (not of the continuous sink's position entries among them). */
    private static List<Long> indices(Path journal) {
        List<Long> indices = new ArrayList<>();
        try (EntryLog log = EntryLog.open(journal, JournalSettings.defaults())) {
            log.forEach((index, payload) -> {
                if (JournalRecords.isRow(payload)) {
                    indices.add(index);
                }
            });
        }
        return indices;
    }

    @Test
    void shouldChainTwoQueriesThroughAJournalStartedInEitherOrder() {
        Path journal = tmp.resolve("journal");
        downstream("chained", journal, null); // the reader first: it waits for the queue to fill
        MemoryStream<String> words = new MemoryStream<>("words");
        upstream(words, journal);
        words.addData("alpha", "beta", "");
        Await.until("3 rows downstream", () -> rows("chained").size() == 3);
        words.addData("gamma");
        Await.until("a 4th", () -> rows("chained").size() == 4);
        assertThat(rows("chained")).containsExactly("alpha", "beta", "", "gamma");
    }

    @Test
    void shouldCarrySerializableRowsAndRefuseOthersByName() {
        Path journal = tmp.resolve("journal");
        MemoryStream<Object> input = new MemoryStream<>("objects");
        StreamingQuery up = upstream(input, journal);
        downstream("objects", journal, null);
        input.addData(new Reading("t1", 21.5), Map.of("k", List.of(1, 2)), 42L);
        Await.until("3 rows", () -> rows("objects").size() == 3);
        assertThat(rows("objects")).containsExactly(new Reading("t1", 21.5), Map.of("k", List.of(1, 2)), 42L);

        input.addData(new Opaque());
        Await.until("the upstream query failed", () -> !up.isActive());
        assertThat(up.exception()).hasValueSatisfying(e -> assertThat(e).rootCause()
                .hasMessageContaining(Opaque.class.getName()).hasMessageContaining("Serializable"));
    }

    @Test
    void shouldResumeFromTheCommittedIndexWithoutRepeatingOrSkipping() {
        Path journal = tmp.resolve("journal");
        MemoryStream<String> input = new MemoryStream<>("input");
        upstream(input, journal);
        input.addData(IntStream.range(0, 50).mapToObj(i -> "r" + i).toList());
        StreamingQuery first = downstream("resume", journal, null);
        Await.until("50 rows", () -> rows("resume").size() == 50);
        first.stop(); // commits a final epoch: the committed index is the last row read

        input.addData(IntStream.range(50, 80).mapToObj(i -> "r" + i).toList());
        Await.until("the journal holds 80 entries", () -> indices(journal).size() == 80);
        downstream("resume", journal, null);
        Await.until("80 rows", () -> rows("resume").size() >= 80);
        assertThat(rows("resume")).containsExactlyElementsOf(IntStream.range(0, 80).mapToObj(i -> "r" + i).toList());
    }

    @Test
    void shouldStartAtAGivenIndexOrAtTheEnd() {
        Path journal = tmp.resolve("journal");
        MemoryStream<String> input = new MemoryStream<>("input");
        upstream(input, journal);
        input.addData("a", "b", "c", "d");
        Await.until("4 entries", () -> indices(journal).size() == 4);
        long third = indices(journal).get(2);

        downstream("fromIndex", journal, Long.toString(third));
        StreamingQuery latest = downstream("latest", journal, "latest");
        Await.until("from the third entry", () -> rows("fromIndex").size() == 2);
        Await.until("the latest query committed an epoch", () -> latest.lastProgress() != null);
        input.addData("e");
        Await.until("e everywhere", () -> rows("fromIndex").size() == 3 && rows("latest").size() == 1);
        assertThat(rows("fromIndex")).containsExactly("c", "d", "e");
        assertThat(rows("latest")).containsExactly("e");
    }

    @Test
    void shouldDecodeWhatItEncodes() {
        assertThat(JournalRecords.decode(JournalRecords.encode("héllo"), 0)).isEqualTo("héllo");
        assertThat(JournalRecords.decode(JournalRecords.encode(new Reading("x", 1)), 0)).isEqualTo(new Reading("x", 1));
        assertThatThrownBy(() -> JournalRecords.decode(new byte[]{1, 2}, 7)).hasMessageContaining("index 7")
                .hasMessageContaining("not written by the journal sink");
    }

    @Test
    void shouldRejectBadOptionsAtStart() {
        assertThatThrownBy(() -> engine.readStream().format("journal").load().writeStream().format("memory").queryName("x").start())
                .hasMessageContaining("Option 'path' is required for source 'journal'");
        assertThatThrownBy(() -> engine.readStream().format("journal").option("path", tmp.toString())
                .option("startingIndex", "first").load().writeStream().format("memory").queryName("x").start())
                .hasMessageContaining("'startingIndex'").hasMessageContaining("earliest, latest or a Chronicle index");
        MemoryStream<String> input = new MemoryStream<>("input");
        assertThatThrownBy(() -> engine.readStream(input).writeStream().format("journal")
                .option("checkpointLocation", tmp.resolve("c").toString()).start())
                .hasMessageContaining("Option 'path' is required for sink 'journal'");
    }
}
