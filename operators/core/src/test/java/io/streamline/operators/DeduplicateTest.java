package io.streamline.operators;

import io.streamline.engine.Await;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DeduplicateTest {
    private final StreamEngine engine = StreamEngine.create();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        engine.close();
    }

    record Event(String id, int payload) {
    }

    @Test
    void shouldPassTheFirstRecordOfEachKeyAcrossARestart() {
        MemoryStream<Event> events = new MemoryStream<>("events");
        String checkpoint = dir.resolve("ckpt").toString();
        events.addData(new Event("a", 1), new Event("b", 2), new Event("a", 3));
        StreamingQuery first = start(events, checkpoint);
        awaitRows(2);
        first.stop();
        assertThat(engine.table("unique").rows()).containsExactly(new Event("a", 1), new Event("b", 2));

        events.addData(new Event("b", 4), new Event("c", 5)); // b was seen before the restart
        start(events, checkpoint);
        awaitRows(3);
        assertThat(engine.table("unique").rows()).containsExactly(new Event("a", 1), new Event("b", 2), new Event("c", 5));
    }

    private StreamingQuery start(MemoryStream<Event> events, String checkpoint) {
        return engine.readStream(events).via(Deduplicate.by(Event::id))
                .writeStream().format("memory").queryName("unique").option("checkpointLocation", checkpoint)
                .trigger(Trigger.continuous(Duration.ofMillis(20))).start();
    }

    private void awaitRows(int n) {
        Await.until(n + " unique rows", () -> engine.table("unique").rows().size() >= n);
    }
}
