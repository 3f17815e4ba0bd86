package io.streamline.engine;

import io.streamline.engine.sink.ForeachWriter;
import io.streamline.engine.source.MemoryStream;
import io.streamline.engine.source.RateRow;
import io.streamline.journal.CheckpointMismatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every mistake in a query definition fails in {@code start()} with a message naming it, before any thread starts. */
class BadInputTest extends EngineTestSupport {
    @ParameterizedTest(name = "rate option {0}={1}")
    @CsvSource({
            "rowsPerSecond, -5, must be a positive whole number",
            "rowsPerSecond, abc, must be a positive whole number",
            "numPartitions, 0, must be a positive whole number",
            "rampUpTime, soon, unparsable duration 'soon'",
            "rowsPerSecnd, 10, Unknown option 'rowsPerSecnd'"})
    void shouldRejectBadSourceOption(String key, String value, String message) {
        assertStartFails(() -> engine.readStream().format("rate").option(key, value).load()
                .writeStream().format("console").start(), message, key);
    }

    @Test
    void shouldRejectUnknownSourceFormatListingAcceptedOnes() {
        assertStartFails(() -> engine.readStream().format("rabbit").load().writeStream().format("console").start(),
                "Unknown source format 'rabbit'", "rate");
    }

    @Test
    void shouldRejectUnknownSinkFormatAndOptions() {
        assertStartFails(() -> rate().writeStream().format("printer").start(), "Unknown sink format 'printer'", "console");
        assertStartFails(() -> rate().writeStream().format("console").option("rows", 5).start(),
                "Unknown option 'rows' for sink 'console'", "numRows");
    }

    @Test
    void shouldRejectUnparsableOrNonPositiveTrigger() {
        assertStartFails(() -> rate().writeStream().format("console").trigger(Trigger.continuous("whenever")).start(),
                "unparsable duration 'whenever'", "1 second");
        assertStartFails(() -> rate().writeStream().format("console").trigger(Trigger.continuous(0)).start(),
                "must be positive", "Trigger.continuous");
    }

    @Test
    void shouldRequireCheckpointLocationForForeachAndQueryNameForMemory() {
        assertStartFails(() -> rate().writeStream().foreach(new NoOpWriter()).start(),
                "checkpointLocation must be set", "foreach");
        assertStartFails(() -> rate().writeStream().format("memory").start(), "queryName must be set", "memory sink");
    }

    @Test
    void shouldRejectOutputModesTheQueryCannotProduce() {
        assertStartFails(() -> rate().groupByKey(r -> r.value() % 2).count().writeStream().format("console").start(),
                "Append output mode not supported for streaming aggregations", "update");
        assertStartFails(() -> rate().writeStream().format("console").outputMode("complete").start(),
                "Complete output mode not supported", "append");
        assertStartFails(() -> rate().writeStream().format("console").outputMode("sometimes").start(),
                "Unknown output mode 'sometimes'", "append, update, complete");
    }

    @Test
    void shouldRefuseCheckpointWrittenByADifferentPipeline() {
        String checkpoint = dir.resolve("ckpt").toString();
        MemoryStream<Long> input = new MemoryStream<>("in");
        engine.readStream(input).writeStream().format("memory").queryName("first")
                .option("checkpointLocation", checkpoint).start().stop();
        Set<Thread> before = engineThreads();

        assertThatThrownBy(() -> engine.readStream(input).groupByKey(v -> v).count().writeStream().format("memory")
                .queryName("second").outputMode("update").option("checkpointLocation", checkpoint).start())
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("different pipeline")
                .hasMessageContaining("operators 'none' in the checkpoint, 'count' now")
                .hasMessageContaining("output mode 'append' in the checkpoint, 'update' now")
                .message().doesNotContain("sink '").doesNotContain("sources '");
        assertThat(engineThreads()).isSubsetOf(before);
    }

    @Test
    void shouldSayWhatDiffersFromThePipelineThatWroteTheCheckpoint() {
        String checkpoint = dir.resolve("ckpt").toString();
        MemoryStream<Long> input = new MemoryStream<>("in");
        engine.readStream(input).map(v -> v + 1).filter(v -> v > 0).writeStream().format("memory").queryName("first")
                .option("checkpointLocation", checkpoint).start().stop();

        assertThatThrownBy(() -> engine.readStream(input).filter(v -> v > 0).map(v -> v + 1).writeStream().format("console")
                .option("checkpointLocation", checkpoint).start())
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("operators 'map -> filter' in the checkpoint, 'filter -> map' now")
                .hasMessageContaining("sink 'memory' in the checkpoint, 'console' now")
                .message().doesNotContain("output mode '");
        assertThatThrownBy(() -> engine.readStream().format("rate").load().map(v -> v).filter(v -> v != null)
                .writeStream().format("memory").queryName("third").option("checkpointLocation", checkpoint).start())
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("sources 'memory' in the checkpoint, 'rate' now");
    }

    private DataStream<RateRow> rate() {
        return engine.readStream().format("rate").load();
    }

    private void assertStartFails(Supplier<StreamingQuery> start, String... messageParts) {
        Set<Thread> before = engineThreads();
        assertThatThrownBy(start::get).isInstanceOf(IllegalArgumentException.class).message().contains(messageParts);
        assertThat(engineThreads()).as("no engine thread started").isSubsetOf(before);
        assertThat(engine.streams().active()).isEmpty();
    }

    private static Set<Thread> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("streamline-"))
                .collect(Collectors.toSet());
    }

    private static final class NoOpWriter implements ForeachWriter<RateRow> {
        @Override
        public boolean open(long partitionId, long epochId) {
            return true;
        }

        @Override
        public void process(RateRow value) {
        }

        @Override
        public void close(Throwable error) {
        }
    }
}
