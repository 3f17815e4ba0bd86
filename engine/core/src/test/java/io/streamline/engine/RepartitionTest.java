package io.streamline.engine;

import io.streamline.engine.contract.TextOutput;
import io.streamline.engine.source.MemoryStream;
import io.streamline.engine.source.RateRow;
import io.streamline.engine.source.SourceReader;
import io.streamline.engine.source.StreamSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A query restarted on its checkpoint after its source's partition count changed (issue 9.15): partitions added
 * start at the beginning and the result is exact; a source that cannot go on (rate renumbers its rows; dropping a
 * partition would drop its unread records) refuses with a message naming what changed and what is accepted, and
 * the checkpoint stays usable with the old setting.
 */
class RepartitionTest extends EngineTestSupport {

    /** A fed source with a chosen number of partitions, each one a {@link MemoryStream}, the rows shared between runs. */
    private static final class Partitioned implements StreamSource<String> {
        private final List<MemoryStream<String>> parts;
        private final int partitions;

        Partitioned(List<MemoryStream<String>> parts, int partitions) {
            this.parts = parts;
            this.partitions = partitions;
        }

        @Override
        public String format() {
            return "partitioned";
        }

        @Override
        public String description() {
            return "Partitioned[" + partitions + "]";
        }

        @Override
        public int partitions() {
            return partitions;
        }

        @Override
        public boolean supportsMicroBatch() {
            return true;
        }

        @Override
        public SourceReader<String> openPartition(int partition, String startOffset) {
            return parts.get(partition).openPartition(0, startOffset);
        }
    }

    private static List<MemoryStream<String>> streams(int n) {
        return IntStream.range(0, n).mapToObj(i -> new MemoryStream<String>("p" + i)).toList();
    }

    private static void feed(List<MemoryStream<String>> parts, int partitions, int from, int to) {
        for (int p = 0; p < partitions; p++) {
            int partition = p;
            parts.get(p).addData(IntStream.range(from, to).mapToObj(i -> partition + "-" + i).toList());
        }
    }

    private static Set<String> expected(int partitions, int to) {
        return IntStream.range(0, partitions).boxed()
                .flatMap(p -> IntStream.range(0, to).mapToObj(i -> p + "-" + i)).collect(Collectors.toCollection(TreeSet::new));
    }

    private StreamingQuery start(StreamSource<String> source, boolean microBatch) {
        return engine.readStream(source).writeStream().format("text").option("path", dir.resolve("out").toString())
                .option("checkpointLocation", dir.resolve("ckpt").toString())
                .trigger(microBatch ? Trigger.processingTime(20) : Trigger.continuous(20)).start();
    }

    @ParameterizedTest(name = "microBatch={0}")
    @ValueSource(booleans = {false, true})
    void partitionsAddedBetweenRunsStartAtTheBeginningAndTheResultIsExact(boolean microBatch) throws Exception {
        List<MemoryStream<String>> parts = streams(3);
        feed(parts, 2, 0, 100);
        StreamingQuery first = start(new Partitioned(parts, 2), microBatch);
        first.processAllAvailable();
        first.stop();

        feed(parts, 3, 100, 200); // the rows of partitions 0 and 1 go on; partition 2 is new, with rows 100..199
        parts.get(2).addData(IntStream.range(0, 100).mapToObj(i -> "2-" + i).toList());
        StreamingQuery second = start(new Partitioned(parts, 3), microBatch);
        second.processAllAvailable();
        second.stop();

        List<String> rows = TextOutput.lines(dir.resolve("out"));
        assertThat(rows).as("no row twice").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(rows)).isEqualTo(expected(3, 200));
    }

    @ParameterizedTest(name = "microBatch={0}")
    @ValueSource(booleans = {false, true})
    void droppingAPartitionIsRefusedAndTheCheckpointGoesOnWithTheOldCount(boolean microBatch) throws Exception {
        List<MemoryStream<String>> parts = streams(3);
        feed(parts, 3, 0, 50);
        StreamingQuery first = start(new Partitioned(parts, 3), microBatch);
        first.processAllAvailable();
        first.stop();
        feed(parts, 3, 50, 100);

        assertThatThrownBy(() -> start(new Partitioned(parts, 2), microBatch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Partitioned[2] has 2 partition(s) now")
                .hasMessageContaining("partition(s) [2] would be dropped")
                .hasMessageContaining("accepted: at least 3 partitions with this checkpoint, or a new checkpointLocation");

        StreamingQuery again = start(new Partitioned(parts, 3), microBatch);
        again.processAllAvailable();
        again.stop();
        List<String> rows = TextOutput.lines(dir.resolve("out"));
        assertThat(rows).as("no row twice").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(rows)).isEqualTo(expected(3, 100));
    }

    @ParameterizedTest(name = "microBatch={0}")
    @ValueSource(booleans = {false, true})
    void rateRefusesAnotherNumPartitionsAndGoesOnWithTheOldOne(boolean microBatch) throws Exception {
        StreamingQuery first = rate(2, microBatch);
        Await.until("rows committed", () -> TextOutput.lines(dir.resolve("out")).size() >= 100);
        first.stop();

        assertThatThrownBy(() -> rate(3, microBatch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Option 'numPartitions' of source 'rate' is 3")
                .hasMessageContaining("offsets for 2 partition(s) [0, 1]")
                .hasMessageContaining("accepted: numPartitions=2 with this checkpoint, or any count with a new checkpointLocation");

        int before = TextOutput.lines(dir.resolve("out")).size();
        StreamingQuery again = rate(2, microBatch);
        Await.until("more rows after the restart", () -> TextOutput.lines(dir.resolve("out")).size() >= before + 100);
        again.stop();
        List<Long> values = TextOutput.lines(dir.resolve("out")).stream().map(Long::parseLong).toList();
        assertThat(values).as("no value twice").doesNotHaveDuplicates();
        for (int p = 0; p < 2; p++) {
            int partition = p;
            List<Long> ofPartition = values.stream().filter(v -> v % 2 == partition).sorted().toList();
            List<Long> contiguous = new ArrayList<>();
            for (int i = 0; i < ofPartition.size(); i++) {
                contiguous.add(partition + 2L * i);
            }
            assertThat(ofPartition).as("partition %d's values, none lost", p).isEqualTo(contiguous);
        }
        assertThat(new HashSet<>(values)).hasSizeGreaterThanOrEqualTo(before + 100);
    }

    private StreamingQuery rate(int partitions, boolean microBatch) {
        return engine.readStream().format("rate").option("rowsPerSecond", 2000).option("numPartitions", partitions)
                .<RateRow>load().map(r -> Long.toString(r.value()))
                .writeStream().format("text").option("path", dir.resolve("out").toString())
                .option("checkpointLocation", dir.resolve("ckpt").toString())
                .trigger(microBatch ? Trigger.processingTime(20) : Trigger.continuous(20)).start();
    }
}
