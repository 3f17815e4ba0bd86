package io.streamline.engine;

import io.streamline.engine.source.MemoryStream;
import io.streamline.journal.CommitLog;
import io.streamline.journal.JournalSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A user function that throws stops the query; nothing after the last commit is committed; a restart resumes there. */
class FailureTest extends EngineTestSupport {
    private static final long POISON = 500;
    private final AtomicBoolean poisoned = new AtomicBoolean(true);



    @Test
    void shouldStopOnUserErrorCommitNothingAfterItAndResumeFromLastCommit() throws Exception {
        MemoryStream<Long> input = new MemoryStream<>("numbers");
        Path checkpoint = dir.resolve("ckpt");
        input.addData(LongStream.range(0, 1000).boxed().toList());
        StreamingQuery failing = start(input, checkpoint);

        Await.until("query terminated", () -> !failing.isActive());
        assertThat(failing.exception()).isPresent();
        assertThat(failing.exception().get().getCause()).hasMessage("poison " + POISON);
        assertThatThrownBy(failing::awaitTermination).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("poison " + POISON);
        assertThat(failing.status().message()).contains("Terminated with exception");
        long committed = committedOffset(checkpoint);
        assertThat(committed).as("committed offset stops before the failing record").isLessThanOrEqualTo(POISON);

        poisoned.set(false);
        StreamingQuery resumed = start(input, checkpoint);
        Await.until("every record after the last commit delivered",
                () -> engine.<Long>table("failing").rows().containsAll(LongStream.range(committed, 1000).boxed().toList()));
        assertThat(resumed.exception()).isEmpty();
    }

    private StreamingQuery start(MemoryStream<Long> input, Path checkpoint) {
        return engine.readStream(input)
                .map(v -> {
                    if (v == POISON && poisoned.get()) {
                        throw new IllegalStateException("poison " + v);
                    }
                    return v;
                })
                .writeStream().format("memory").queryName("failing").trigger(Trigger.continuous(20))
                .option("checkpointLocation", checkpoint.toString()).start();
    }

    private static long committedOffset(Path checkpoint) {
        try (CommitLog log = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            return log.last().map(c -> Long.parseLong(c.sourceOffsets().get("0-memory/0"))).orElse(0L);
        }
    }

}
