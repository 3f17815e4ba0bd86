package io.streamline.engine;

import io.streamline.engine.source.RateRow;
import io.streamline.journal.JournalSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** On a long run the checkpoint does not grow: journal files older than the last commits are deleted. */
class RetentionTest {
    private final StreamEngine engine = StreamEngine.builder().journalSettings(JournalSettings.fastRolling()).build();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void shouldKeepTheNumberOfJournalFilesBoundedWhileEpochsCommit() {
        Path checkpoint = dir.resolve("ckpt");
        StreamingQuery query = engine.readStream().format("rate").option("rowsPerSecond", 2000).<RateRow>load()
                .groupByKey(r -> r.value() % 100).count()
                .writeStream().format("memory").queryName("retained").outputMode("update")
                .option("checkpointLocation", checkpoint.toString()).trigger(Trigger.continuous(20)).start();

        // One-second cycles: by epoch 250 (five seconds or more) at least five cycles have been written.
        int[] maxFiles = {0};
        Await.until("epoch 250 committed", Duration.ofSeconds(90), () -> {
            int files = Math.max(cycleFiles(checkpoint.resolve("commits")), cycleFiles(checkpoint.resolve("state")));
            maxFiles[0] = Math.max(maxFiles[0], files);
            return query.lastProgress() != null && query.lastProgress().epochId() >= 250;
        });
        query.stop();

        assertThat(maxFiles[0]).as("cycle files ever present at once in commits/ or a state store").isBetween(1, 3);
    }

    /** The cycle files under {@code dir} in one complete walk; retention deleting one mid-walk means walking again. */
    private static int cycleFiles(Path dir) {
        while (true) {
            if (!Files.exists(dir)) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                return (int) files.filter(p -> p.toString().endsWith(".cq4")).count();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException)) {
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
