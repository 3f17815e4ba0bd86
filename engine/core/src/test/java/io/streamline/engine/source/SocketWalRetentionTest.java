package io.streamline.engine.source;

import io.streamline.engine.Await;
import io.streamline.engine.EngineTestSupport;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.journal.JournalSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The socket source's write-ahead log stays bounded on a long run: committed log files are deleted. */
class SocketWalRetentionTest extends EngineTestSupport {
    @Test
    void shouldDeleteWriteAheadLogFilesOnceTheirLinesAreCommitted() throws Exception {
        try (LineServer server = new LineServer()) {
            Path wal = dir.resolve("wal");
            SocketSource source = new SocketSource("127.0.0.1", server.port(), wal, Duration.ofMillis(20), Duration.ofMillis(200),
                    Duration.ofSeconds(5), 1024, JournalSettings.fastRolling(), Long.MAX_VALUE, 0, false);
            StreamingQuery query = engine.readStream(source).writeStream().format("memory").queryName("retained")
                    .option("checkpointLocation", dir.resolve("ckpt").toString()).trigger(Trigger.continuous(20)).start();
            server.awaitConnections(1);

            // One-second log files: over six seconds of lines at least six files are written.
            int[] maxFiles = {0};
            long start = System.nanoTime();
            int[] sent = {0};
            Await.until("six seconds of lines committed", Duration.ofSeconds(60), () -> {
                server.send(lines(sent[0], sent[0] + 20));
                sent[0] += 20;
                maxFiles[0] = Math.max(maxFiles[0], logFiles(wal));
                return System.nanoTime() - start > 6_000_000_000L && engine.table("retained").rows().size() >= sent[0] - 20;
            });
            query.stop();
            assertThat(maxFiles[0]).as("write-ahead log files present at once").isBetween(1, 3);
        }
    }

    private static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line-" + i).toList();
    }

    private static int logFiles(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(p -> p.toString().endsWith(".cq4")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
