package io.streamline.examples;

import io.streamline.engine.KeyValue;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.Trigger;
import org.junit.jupiter.api.Test;
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
    void shouldRejectBadArguments() {
        assertThatThrownBy(() -> PublishData.Settings.parse("--rate", "0")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> PublishData.Settings.parse("--port", "x")).hasMessageContaining("--port must be a whole number");
        assertThatThrownBy(() -> PublishData.Settings.parse("--file", dir.resolve("missing").toString())).hasMessageContaining("not a readable file");
        assertThatThrownBy(() -> PublishData.Settings.parse("--bogus")).hasMessageContaining("Unknown argument '--bogus'");
    }

    @Test
    void shouldCountWordsPublishedToTheSocketSource() throws Exception {
        Path file = Files.write(dir.resolve("words.txt"), List.of("a b a", "c a", "B c"));
        try (PublishData p = PublishData.start(PublishData.Settings.parse("--port", "0", "--rate", "1000", "--file", file.toString()));
             StreamEngine engine = StreamEngine.create()) {
            engine.readStream().format("socket").option("host", "localhost").option("port", p.port()).<String>load()
                    .flatMap((String line, java.util.function.Consumer<String> out) ->
                            Arrays.stream(line.toLowerCase().split(" ")).forEach(out))
                    .groupByKey(w -> w).count()
                    .writeStream().format("memory").queryName("words").outputMode("update")
                    .trigger(Trigger.continuous(50)).start();
            await("the counts", () -> engine.table("words").asMap().equals(Map.of("a", 3L, "b", 2L, "c", 2L)));
            assertThat(engine.<KeyValue<String, Long>>table("words").rows()).hasSize(3);
        }
    }
}
