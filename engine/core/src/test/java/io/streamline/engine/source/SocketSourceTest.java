package io.streamline.engine.source;

import io.streamline.engine.Await;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocketSourceTest {
    private static final AtomicBoolean FAIL_AT_150 = new AtomicBoolean();
    private static volatile LineServer failingServer;

    private final StreamEngine engine = StreamEngine.create();

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() {
        engine.close();
    }

    private static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line-" + i).toList();
    }

    private StreamingQuery start(LineServer server, String table, Path checkpoint) {
        return engine.readStream().format("socket").option("host", "127.0.0.1").option("port", server.port())
                .option("reconnectDelay", "20ms").<String>load()
                .map(SocketSourceTest::failAt150)
                .writeStream().format("memory").queryName(table)
                .option("checkpointLocation", checkpoint.toString()).trigger(Trigger.continuous(50)).start();
    }

    private static String failAt150(String line) {
        if (line.equals("line-150") && FAIL_AT_150.compareAndSet(true, false)) {
            // Fail only once every line the server sent is in the write-ahead log: the receiver reconnects
            // only after it has logged everything up to the server's close.
            failingServer.awaitConnections(2);
            throw new IllegalStateException("boom at line-150");
        }
        return line;
    }

    @Test
    void shouldDeliverEveryLineInOrderAndKeepWalUnderCheckpoint() throws Exception {
        try (LineServer server = new LineServer()) {
            Path checkpoint = dir.resolve("ckpt");
            start(server, "lines", checkpoint);
            server.awaitConnections(1);
            server.sendRaw("héllo wörld\r\nsecond\n\nlast");
            server.dropClient(); // a clean end of stream: the unterminated last line counts, as readLine does

            Await.until("4 lines", () -> engine.table("lines").rows().size() == 4);
            assertThat(engine.table("lines").rows()).containsExactly("héllo wörld", "second", "", "last");
            assertThat(checkpoint.resolve("wal").resolve("0-socket-0")).isDirectory();
        }
    }

    @Test
    void shouldReconnectWhenThePeerDropsWithoutLosingOrRepeatingLines() throws Exception {
        try (LineServer server = new LineServer()) {
            start(server, "reconnect", dir.resolve("ckpt"));
            server.awaitConnections(1);
            server.send(lines(0, 100));
            server.dropClient();
            server.awaitConnections(2);
            server.send(lines(100, 200));
            server.dropClient();
            server.awaitConnections(3);
            server.send(lines(200, 300));

            Await.until("300 lines", () -> engine.table("reconnect").rows().size() >= 300);
            assertThat(engine.table("reconnect").rows()).containsExactlyElementsOf(lines(0, 300));
        }
    }

    @Test
    void shouldReplayLoggedButUncommittedLinesAfterRestart() throws Exception {
        try (LineServer server = new LineServer()) {
            Path checkpoint = dir.resolve("ckpt");
            failingServer = server;
            FAIL_AT_150.set(true);
            StreamingQuery first = start(server, "replay", checkpoint);
            server.awaitConnections(1);
            server.send(lines(0, 100));
            Await.until("the first 100 lines committed", () -> engine.table("replay").rows().size() == 100);
            server.send(lines(100, 200));
            server.dropClient(); // the server never sends these lines again

            Await.until("the query failed at line-150", () -> !first.isActive());
            assertThat(first.exception()).hasValueSatisfying(e -> assertThat(e).hasRootCauseMessage("boom at line-150"));
            assertThat(engine.table("replay").rows()).doesNotContain("line-150");

            start(server, "replay", checkpoint);
            Await.until("every line after the restart", () -> engine.table("replay").rows().containsAll(lines(0, 200)));
            Map<Object, Integer> seen = new HashMap<>();
            engine.table("replay").rows().forEach(r -> seen.merge(r, 1, Integer::sum));
            assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(lines(0, 200));
            assertThat(lines(0, 100)).allSatisfy(l -> assertThat(seen.get(l)).as("committed line %s", l).isEqualTo(1));
        }
    }

    @Test
    void shouldReconnectWhenTheServerStartsAfterTheQuery() throws Exception {
        int port;
        try (LineServer probe = new LineServer()) {
            port = probe.port(); // a free port, closed again: nothing listens there when the query starts
        }
        engine.readStream().format("socket").option("host", "127.0.0.1").option("port", port)
                .option("reconnectDelay", "10ms").option("maxReconnectDelay", "50ms").<String>load()
                .writeStream().format("memory").queryName("late").trigger(Trigger.continuous(50)).start();
        try (LineServer late = new LineServer(port)) {
            late.awaitConnections(1);
            late.send(lines(0, 10));
            Await.until("10 lines", () -> engine.table("late").rows().size() == 10);
        }
    }

    @Test
    void shouldTimeLinesOfThisRunFromTheirReceiptAndLinesOfAnEarlierRunFromTheirReplay() throws Exception {
        Path wal = dir.resolve("wal");
        try (io.streamline.journal.EntryLog earlier = io.streamline.journal.EntryLog.open(wal, io.streamline.journal.JournalSettings.defaults())) {
            byte[] entry = new byte[SocketSource.HEADER_BYTES + 3]; // an earlier JVM's nanoTime, meaningless in this one
            java.nio.ByteBuffer.wrap(entry).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, 1L);
            System.arraycopy("old".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, entry, SocketSource.HEADER_BYTES, 3);
            earlier.append(entry);
        }
        try (LineServer server = new LineServer()) {
            SocketSource source = SocketSource.fromOptions(new io.streamline.engine.config.Options("source 'socket'",
                    Map.of("host", "127.0.0.1", "port", Integer.toString(server.port()), "walDir", wal.toString())));
            try (SourceReader<String> reader = source.openPartition(0, null)) {
                Map<String, Long> ingest = new HashMap<>();
                long start = System.nanoTime();
                reader.poll((value, offset, ingestNanos, eventTime) -> ingest.put(value, ingestNanos), 10); // starts the receiver
                server.awaitConnections(1);
                server.send(List.of("new"));
                try (io.streamline.journal.EntryLog log = io.streamline.journal.EntryLog.open(wal, io.streamline.journal.JournalSettings.defaults())) {
                    Await.until("the new line is in the write-ahead log", () -> log.indexFromEnd(2).isPresent());
                }
                long beforeReplay = System.nanoTime();
                Await.until("both lines polled", () -> {
                    reader.poll((value, offset, ingestNanos, eventTime) -> ingest.put(value, ingestNanos), 10);
                    return ingest.size() == 2;
                });
                assertThat(ingest.get("old")).as("replayed: timed from its replay, not from another JVM's clock")
                        .isGreaterThanOrEqualTo(start);
                assertThat(ingest.get("new")).as("this run's: timed from its receipt, before it was polled")
                        .isGreaterThanOrEqualTo(start).isLessThan(beforeReplay);
            }
        }
    }

    @Test
    void shouldRejectMissingOrMalformedOptionsAtStart() {
        assertThatThrownBy(() -> engine.readStream().format("socket").option("host", "127.0.0.1").load()
                .writeStream().format("memory").queryName("bad").start())
                .hasMessageContaining("Option 'port' is required for source 'socket'");
        assertThatThrownBy(() -> engine.readStream().format("socket").option("host", "127.0.0.1").option("port", 70000).load()
                .writeStream().format("memory").queryName("bad").start())
                .hasMessageContaining("'port'").hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> engine.readStream().format("socket").option("port", 9999).load()
                .writeStream().format("memory").queryName("bad").start())
                .hasMessageContaining("Option 'host' is required");
        assertThatThrownBy(() -> engine.readStream().format("socket").option("host", "localhost").option("port", 9999)
                .option("reconnectDelay", "soon").load().writeStream().format("memory").queryName("bad").start())
                .hasMessageContaining("reconnectDelay").hasMessageContaining("unparsable duration");
        assertThatThrownBy(() -> engine.readStream().format("socket").option("host", "localhost").option("port", 9999)
                .option("hots", "x").load().writeStream().format("memory").queryName("bad").start())
                .hasMessageContaining("Unknown option 'hots'").hasMessageContaining("accepted options");
        assertThatThrownBy(() -> engine.readStream().format("socket").option("host", "localhost").option("port", 9999)
                .option("receiveBufferBytes", -1).load().writeStream().format("memory").queryName("bad").start())
                .hasMessageContaining("receiveBufferBytes").hasMessageContaining("whole number >= 0");
        assertThat(engine.streams().active()).isEmpty();
    }
}
