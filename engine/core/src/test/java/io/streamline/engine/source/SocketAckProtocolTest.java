package io.streamline.engine.source;

import io.streamline.engine.Await;
import io.streamline.engine.EngineTestSupport;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The socket source's acknowledging protocol ({@link AckProtocol}, option {@code protocol=ack}) against a scripted
 * sender: the handshake's resume point on every connection and after a restart, acknowledgements of what the
 * write-ahead log holds, and bad input (plain lines, a gap in the numbers, a log of the other protocol) refused with
 * the form expected and nothing lost.
 */
class SocketAckProtocolTest extends EngineTestSupport {
    private StreamingQuery start(LineServer server, String table, Path checkpoint) {
        return engine.readStream().format("socket").option("host", "127.0.0.1").option("port", server.port())
                .option("protocol", "ack").option("reconnectDelay", "20ms").<String>load()
                .writeStream().format("memory").queryName(table)
                .option("checkpointLocation", checkpoint.toString()).trigger(Trigger.continuous(50)).start();
    }

    /** Reads acknowledgements until one covers {@code n}; each must acknowledge more than the one before. */
    private static void awaitAck(LineServer server, long n) {
        long last = 0;
        while (last < n) {
            long acked = AckProtocol.parseAck(server.receive());
            assertThat(acked).as("acknowledgements only go up").isGreaterThan(last).isLessThanOrEqualTo(n);
            last = acked;
        }
    }

    @Test
    void shouldResumeAfterTheLastLoggedLineOnEveryConnectionAndAfterARestart() throws Exception {
        Path checkpoint = dir.resolve("ckpt");
        try (LineServer server = new LineServer()) {
            StreamingQuery first = start(server, "acked", checkpoint);
            server.awaitConnections(1);
            assertThat(server.receive()).isEqualTo("streamline-ack 1 resume 0");
            server.send(List.of("1 alpha", "2 beta", "3 "));
            awaitAck(server, 3);

            server.dropClient(); // the connection ends: the next one resumes behind what was logged
            server.awaitConnections(2);
            assertThat(server.receive()).isEqualTo("streamline-ack 1 resume 3");
            server.send(List.of("4 delta"));
            awaitAck(server, 4);
            Await.until("4 rows", () -> engine.table("acked").rows().size() == 4);
            first.stop();

            start(server, "acked", checkpoint); // a new run reads the resume point from the write-ahead log
            server.awaitConnections(3);
            assertThat(server.receive()).isEqualTo("streamline-ack 1 resume 4");
            server.send(List.of("5 epsilon"));
            awaitAck(server, 5);
            Await.until("5 rows", () -> engine.table("acked").rows().size() >= 5);
            assertThat(engine.table("acked").rows()).containsExactly("alpha", "beta", "", "delta", "epsilon");
        }
    }

    @Test
    void shouldRefusePlainLinesNamingTheFormExpectedAndLogNothing() throws Exception {
        try (LineServer server = new LineServer()) {
            StreamingQuery query = start(server, "plain", dir.resolve("ckpt"));
            server.awaitConnections(1);
            assertThat(server.receive()).startsWith("streamline-ack 1 resume ");
            server.send(List.of("hello world", "2 never logged"));

            String error = server.receive();
            assertThat(error).startsWith("error ").contains("line 1 must read '<number> <text>'")
                    .contains("got 'hello world'").contains("protocol 'plain'");
            Await.until("the query failed", () -> !query.isActive());
            assertThat(query.exception()).hasValueSatisfying(e -> assertThat(e).hasStackTraceContaining(
                    "line 1 must read '<number> <text>'").hasStackTraceContaining("the sender still holds it"));
            assertThat(engine.table("plain").rows()).isEmpty();
        }
    }

    @Test
    void shouldRefuseAGapInTheNumbersAndLoseNothingOnceTheSenderResumesRight() throws Exception {
        Path checkpoint = dir.resolve("ckpt");
        try (LineServer server = new LineServer()) {
            StreamingQuery first = start(server, "gap", checkpoint);
            server.awaitConnections(1);
            server.receive();
            server.send(List.of("1 a", "3 c"));
            String error = server.receive();
            while (error.startsWith("ack ")) {
                error = server.receive(); // line 1 may be acknowledged before line 3 is read
            }
            assertThat(error).startsWith("error ").contains("line 3 came where line 2 was due");
            Await.until("the query failed", () -> !first.isActive());

            start(server, "gap", checkpoint); // the sender still has line 2: it sends from the resume point
            server.awaitConnections(2);
            assertThat(server.receive()).isEqualTo("streamline-ack 1 resume 1");
            server.send(List.of("2 b", "3 c"));
            awaitAck(server, 3);
            Await.until("3 rows", () -> engine.table("gap").rows().size() >= 3);
            assertThat(engine.table("gap").rows()).containsExactly("a", "b", "c");
        }
    }

    @Test
    void shouldRefuseALogWrittenInTheOtherProtocol() throws Exception {
        Path checkpoint = dir.resolve("ckpt");
        try (LineServer server = new LineServer()) {
            StreamingQuery plain = engine.readStream().format("socket").option("host", "127.0.0.1")
                    .option("port", server.port()).<String>load().writeStream().format("memory").queryName("mixed")
                    .option("checkpointLocation", checkpoint.toString()).trigger(Trigger.continuous(50)).start();
            server.awaitConnections(1);
            server.send(List.of("a plain line"));
            Await.until("the plain line", () -> engine.table("mixed").rows().size() == 1);
            plain.stop();

            String expected = "was written with option protocol 'plain', but the source now has protocol 'ack'";
            StreamingQuery acked;
            try {
                acked = start(server, "mixed", checkpoint);
            } catch (IllegalStateException refusedAtStart) {
                assertThat(refusedAtStart).hasStackTraceContaining(expected);
                return;
            }
            Await.until("the query failed", () -> !acked.isActive());
            assertThat(acked.exception()).hasValueSatisfying(e -> assertThat(e).hasStackTraceContaining(expected));
        }
    }

    @Test
    void shouldRejectAnUnknownProtocolNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> engine.readStream().format("socket").option("host", "127.0.0.1").option("port", 9999)
                .option("protocol", "acked").load().writeStream().format("memory").queryName("bad").start())
                .hasMessageContaining("Option 'protocol' of source 'socket' must be 'plain'")
                .hasMessageContaining("or 'ack'").hasMessageContaining("got 'acked'");
    }

    @Test
    void shouldParseAndFormatTheProtocolsMessages() {
        assertThat(AckProtocol.parseHello(AckProtocol.hello(12))).isEqualTo(12);
        assertThat(AckProtocol.parseAck(AckProtocol.ack(7))).isEqualTo(7);
        assertThat(AckProtocol.line(3, "x y")).isEqualTo("3 x y");
        assertThatThrownBy(() -> AckProtocol.parseHello("streamline-ack 2 resume 5"))
                .hasMessageContaining("Expected the handshake 'streamline-ack 1 resume <n>'").hasMessageContaining("got 'streamline-ack 2");
        assertThatThrownBy(() -> AckProtocol.parseHello("streamline-ack 1 resume -1")).hasMessageContaining("0 or more");
        assertThatThrownBy(() -> AckProtocol.parseAck("error the line was bad")).hasMessageContaining("The source reported: the line was bad");
        assertThatThrownBy(() -> AckProtocol.parseAck("ack 01")).hasMessageContaining("Expected 'ack <n>' or 'error <message>'");
        assertThatThrownBy(() -> AckProtocol.line(0, "x")).hasMessageContaining("must be 1 to");
        assertThatThrownBy(() -> AckProtocol.line(1, "a\nb")).hasMessageContaining("cannot hold");

        for (String bad : List.of("", "5", " x", "01 x", "1x", "-1 x", "1234567890123456789 x")) {
            byte[] b = bad.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(AckProtocol.separator(b, 0, b.length)).as("'%s'", bad).isEqualTo(-1);
        }
        byte[] good = "xx123456789012345678 text".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int space = AckProtocol.separator(good, 2, good.length - 2);
        assertThat(space).isEqualTo(20);
        assertThat(AckProtocol.number(good, 2, space)).isEqualTo(123456789012345678L);
        byte[] empty = "9 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(AckProtocol.separator(empty, 0, empty.length)).isEqualTo(1);
    }
}
