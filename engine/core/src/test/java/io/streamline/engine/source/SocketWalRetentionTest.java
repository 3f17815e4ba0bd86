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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket source's write-ahead log stays bounded on a long run: once lines in a newer log file are committed, the
 * files before it are deleted. The log starts a file every second of wall-clock time; the test goes by what it sees
 * (a new file started, the lines committed, the older files gone), each with a deadline, so a loaded host only makes
 * it slower.
 */
class SocketWalRetentionTest extends EngineTestSupport {
    /** Files the log moves on to after its first; each time, the ones before must go. */
    private static final int ROLLS = 6;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void shouldDeleteWriteAheadLogFilesOnceTheirLinesAreCommitted() throws Exception {
        try (LineServer server = new LineServer()) {
            Path wal = dir.resolve("wal");
            SocketSource source = new SocketSource("127.0.0.1", server.port(), wal, Duration.ofMillis(20), Duration.ofMillis(200),
                    Duration.ofSeconds(5), 1024, JournalSettings.fastRolling(), Long.MAX_VALUE, 0, false);
            StreamingQuery query = engine.readStream(source).writeStream().format("memory").queryName("retained")
                    .option("checkpointLocation", dir.resolve("ckpt").toString()).trigger(Trigger.continuous(20)).start();
            server.awaitConnections(1);

            Set<String> started = new TreeSet<>();
            int[] sent = {0};
            for (int roll = 0; roll <= ROLLS; roll++) {
                int before = started.size();
                Await.until("the write-ahead log starts file #" + (before + 1) + " (one a second while lines come)", DEADLINE, () -> {
                    server.send(lines(sent[0], sent[0] + 20));
                    sent[0] += 20;
                    started.addAll(logFiles(wal));
                    return started.size() > before;
                });
                int total = sent[0];
                Await.until("all " + total + " lines committed", DEADLINE, () -> engine.table("retained").rows().size() >= total);
                // The last line committed is in the newest file: every file before it goes (one at most remains).
                Await.until("the files before the committed line's deleted", DEADLINE,
                        () -> logFiles(wal).size() == 1);
            }
            query.stop();
            assertThat(started).as("write-ahead log files written").hasSizeGreaterThan(ROLLS);
            assertThat(engine.table("retained").rows()).as("every line, once, in order").isEqualTo(lines(0, sent[0]));
        }
    }

    private static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line-" + i).toList();
    }

    private static Set<String> logFiles(Path dir) {
        if (!Files.exists(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
