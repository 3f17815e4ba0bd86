package io.streamline.engine;

import io.streamline.engine.source.MemoryStream;
import io.streamline.journal.CommitLog;
import io.streamline.journal.JournalSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryManagementTest extends EngineTestSupport {
    @Test
    void shouldTrackActiveQueriesAndTerminations() throws Exception {
        MemoryStream<Long> input = new MemoryStream<>("in");
        StreamingQuery query = engine.readStream(input).writeStream().format("memory").queryName("managed").start();

        assertThat(engine.streams().active()).containsExactly(query);
        assertThat(engine.streams().get(query.id())).isSameAs(query);
        assertThat(engine.streams().awaitAnyTermination(50)).isFalse();
        assertThat(query.status().message()).startsWith("Running continuous epochs");
        assertThat(query.name()).isEqualTo("managed");

        query.stop();
        assertThat(query.isActive()).isFalse();
        assertThat(query.status().message()).isEqualTo("Stopped");
        assertThat(engine.streams().active()).isEmpty();
        assertThat(engine.streams().awaitAnyTermination(50)).isTrue();
        engine.streams().resetTerminated();
        assertThat(engine.streams().awaitAnyTermination(50)).isFalse();
    }

    @Test
    void shouldTellListenersAboutStartProgressAndTerminationInOrder() {
        List<String> events = new CopyOnWriteArrayList<>();
        engine.streams().addListener(new StreamingQueryListener() {
            @Override
            public void onQueryStarted(QueryStartedEvent event) {
                events.add("started " + event.name());
            }

            @Override
            public void onQueryProgress(QueryProgressEvent event) {
                events.add("progress");
            }

            @Override
            public void onQueryTerminated(QueryTerminatedEvent event) {
                events.add("terminated " + event.exception());
            }
        });
        MemoryStream<Long> input = new MemoryStream<>("in");
        input.addData(1L, 2L, 3L);
        StreamingQuery query = engine.readStream(input).writeStream().format("memory").queryName("heard")
                .trigger(Trigger.continuous(20)).start();
        Await.until("progress heard", () -> events.contains("progress"));
        query.stop();

        Await.until("termination heard", () -> events.contains("terminated null"));
        assertThat(events.get(0)).isEqualTo("started heard");
        assertThat(events.get(events.size() - 1)).isEqualTo("terminated null");
    }

    @Test
    void shouldRefuseASecondActiveQueryOnTheSameCheckpoint() {
        MemoryStream<Long> input = new MemoryStream<>("in");
        String checkpoint = dir.resolve("ckpt").toString();
        engine.readStream(input).writeStream().format("memory").queryName("one").option("checkpointLocation", checkpoint).start();

        assertThatThrownBy(() -> engine.readStream(input).writeStream().format("memory").queryName("two")
                .option("checkpointLocation", checkpoint).start())
                .hasMessageContaining("another query with the same id is already active");
        assertThat(engine.streams().active()).hasSize(1);
    }

    @Test
    void shouldLeaveEverythingProcessedCommittedWhenStopped() {
        MemoryStream<Long> input = new MemoryStream<>("in");
        Path checkpoint = dir.resolve("stop");
        AtomicLong processed = new AtomicLong();
        StreamingQuery query = engine.readStream(input).map(v -> processed.incrementAndGet())
                .writeStream().format("memory").queryName("stopping")
                .option("checkpointLocation", checkpoint.toString()).trigger(Trigger.continuous(60_000)).start();
        input.addData(LongStream.range(0, 500).boxed().toList());
        Await.until("all rows processed", () -> processed.get() == 500);

        query.stop(); // the interval is a minute: only stop's own final epoch can commit these rows

        try (CommitLog commits = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            assertThat(commits.last()).hasValueSatisfying(c -> assertThat(c.sourceOffsets()).containsEntry("0-memory/0", "500"));
        }
        assertThat(engine.table("stopping").rows()).hasSize(500);
    }
}
