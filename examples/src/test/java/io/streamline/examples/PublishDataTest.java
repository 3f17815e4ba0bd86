package io.streamline.examples;

import io.streamline.engine.KeyValue;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.AckProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublishDataTest {
    @TempDir
    Path dir;

    private static List<String> read(Socket s, int n) throws IOException {
        s.setSoTimeout(10_000); // a missing line fails the test instead of hanging it
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line; lines.size() < n && (line = in.readLine()) != null; ) {
            lines.add(line);
        }
        return lines;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void shouldPublishAFileInOrderAtTheRequestedRateOnLoopback() throws Exception {
        Path file = Files.write(dir.resolve("lines.txt"), List.of("one", "two", "three", "four", "five"));
        try (PublishData p = PublishData.start(PublishData.Settings.parse("--port", "0", "--rate", "20", "--file", file.toString()))) {
            assertThat(p.published()).isZero(); // nothing before a client connects
            long start = System.nanoTime(); // before the connection: the first line may go out as it is accepted
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), p.port())) {
                assertThat(read(client, 5)).containsExactly("one", "two", "three", "four", "five");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("5 lines at 20/s take 4 intervals")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(190));
                assertThat(p.awaitFinished(30)).isTrue();
                assertThat(p.published()).isEqualTo(5);
            }
        }
    }

    @Test
    void shouldBroadcastGeneratedWordsToEveryClient() throws Exception {
        try (PublishData p = PublishData.start(PublishData.Settings.parse("--port", "0", "--rate", "2000", "--words", "3"));
             Socket first = new Socket(InetAddress.getLoopbackAddress(), p.port())) {
            await("the first client registered", () -> p.clients() == 1);
            try (Socket second = new Socket(InetAddress.getLoopbackAddress(), p.port())) {
                await("the second client registered", () -> p.clients() == 2);
                List<String> a = read(first, 100);
                List<String> b = read(second, 100);
                for (List<String> lines : List.of(a, b)) {
                    assertThat(lines).hasSize(100).allSatisfy(line -> assertThat(line.split(" "))
                            .hasSize(3).allSatisfy(w -> assertThat(PublishData.VOCABULARY).contains(w)));
                }
            }
        }
    }

    @Test
    void shouldSendFromEachConnectionsResumePointWhatWasNotAcknowledged() throws Exception {
        try (PublishData p = PublishData.start(PublishData.Settings.parse("--port", "0", "--rate", "2000", "--sequence",
                "--protocol", "ack"))) {
            try (Socket first = new Socket(InetAddress.getLoopbackAddress(), p.port())) {
                say(first, AckProtocol.hello(0));
                assertThat(read(first, 10)).containsExactly("1 0", "2 1", "3 2", "4 3", "5 4", "6 5", "7 6", "8 7", "9 8", "10 9");
                say(first, AckProtocol.ack(4));
                await("lines 1 to 4 forgotten", () -> p.unacknowledged() > 0 && firstKept(p) == 5);
            } // the source "died" having logged 6 lines, of which 4 were acknowledged
            try (Socket second = new Socket(InetAddress.getLoopbackAddress(), p.port())) {
                say(second, AckProtocol.hello(6));
                assertThat(read(second, 3)).containsExactly("7 6", "8 7", "9 8");
                assertThat(p.resent()).as("lines 7 to 10 at least went out twice").isGreaterThanOrEqualTo(4);
            }
            try (Socket stale = new Socket(InetAddress.getLoopbackAddress(), p.port())) {
                say(stale, AckProtocol.hello(2)); // lines 3 and 4 were acknowledged and forgotten: it cannot be served
                assertThat(read(stale, 1)).as("a source resuming before what was forgotten gets nothing").isEmpty();
            }
        }
    }

    /** The number of the oldest line the publisher keeps, from what it says is unacknowledged. */
    private static long firstKept(PublishData p) {
        return p.published() - p.unacknowledged() + 1;
    }

    private static void say(Socket s, String message) throws IOException {
        s.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    @Test
    void shouldRejectBadArguments() {
        assertThatThrownBy(() -> PublishData.Settings.parse("--rate", "0")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> PublishData.Settings.parse("--port", "x")).hasMessageContaining("--port must be a whole number");
        assertThatThrownBy(() -> PublishData.Settings.parse("--file", dir.resolve("missing").toString())).hasMessageContaining("not a readable file");
        assertThatThrownBy(() -> PublishData.Settings.parse("--bogus")).hasMessageContaining("Unknown argument '--bogus'");
        assertThatThrownBy(() -> PublishData.Settings.parse("--protocol", "acks")).hasMessageContaining("--protocol must be 'plain'")
                .hasMessageContaining("or 'ack'");
        Path file = dir.resolve("f.txt");
        assertThatThrownBy(() -> PublishData.Settings.parse("--sequence", "--file", Files.write(file, List.of("x")).toString()))
                .hasMessageContaining("--sequence and --file exclude each other");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "ack"})
    void shouldCountWordsPublishedToTheSocketSource(String protocol) throws Exception {
        Path file = Files.write(dir.resolve("words.txt"), List.of("a b a", "c a", "B c"));
        try (PublishData p = PublishData.start(PublishData.Settings.parse("--port", "0", "--rate", "1000", "--file", file.toString(),
                "--protocol", protocol));
             StreamEngine engine = StreamEngine.create()) {
            engine.readStream().format("socket").option("host", "localhost").option("port", p.port())
                    .option("protocol", protocol).<String>load()
                    .flatMap((String line, java.util.function.Consumer<String> out) ->
                            Arrays.stream(line.toLowerCase().split(" ")).forEach(out))
                    .groupByKey(w -> w).count()
                    .writeStream().format("memory").queryName("words").outputMode("update")
                    .trigger(Trigger.continuous(50)).start();
            await("the counts", () -> engine.table("words").asMap().equals(Map.of("a", 3L, "b", 2L, "c", 2L)));
            assertThat(engine.<KeyValue<String, Long>>table("words").rows()).hasSize(3);
            assertThat(p.awaitAcknowledged(30)).as("every line acknowledged (ack) or never kept (plain)").isTrue();
        }
    }
}
