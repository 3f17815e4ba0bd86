package io.streamline.operators.dstream;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** print, saveAsTextFiles and foreachRDD, batch by batch. */
class OutputOperationsTest extends DStreamTestSupport {
    @Test
    void shouldPrintEveryBatchInSparksLayout() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ssc.queueStream(queueOf(List.of("a", "b", "c"), List.of(), List.of("d", "e")))
                .mapToPair(w -> t(w, 1)).print(2, out);
        ssc.start();
        ssc.advanceBatches(3);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                -------------------------------------------
                Time: 1000 ms
                -------------------------------------------
                (a,1)
                (b,1)
                ...

                -------------------------------------------
                Time: 2000 ms
                -------------------------------------------

                -------------------------------------------
                Time: 3000 ms
                -------------------------------------------
                (d,1)
                (e,1)

                """);
    }

    @Test
    void shouldSaveEveryBatchInADirectoryNamedByItsTime() throws Exception {
        String prefix = dir.resolve("out/words").toString();
        ssc.queueStream(queueOf(List.of("x", "y"), List.of())).saveAsTextFiles(prefix, "txt");
        ssc.start();
        ssc.advanceBatches(2);

        Path first = dir.resolve("out/words-1000.txt");
        assertThat(Files.readAllLines(first.resolve("part-00000"))).containsExactly("x", "y");
        assertThat(first.resolve("_SUCCESS")).exists();
        assertThat(Files.readAllLines(dir.resolve("out/words-2000.txt/part-00000"))).as("an empty batch is saved too").isEmpty();
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary directory left")
                    .containsExactlyInAnyOrder("words-1000.txt", "words-2000.txt");
        }
    }

    @Test
    void shouldStopTheContextWhenAnOutputFails() throws Exception {
        ssc.queueStream(queueOf(List.of(1))).foreachRDD(rdd -> {
            throw new IllegalStateException("disk on fire");
        });
        ssc.start();
        assertThatThrownBy(() -> ssc.advanceBatches(1)).hasMessageContaining("stopped before the batch at 1000 ms")
                .hasMessageContaining("output operation foreachRDD failed for the batch at 1000 ms").hasMessageContaining("disk on fire");
        assertThatThrownBy(ssc::awaitTermination).hasMessageContaining("disk on fire");
    }

    @Test
    void shouldRefuseABadPrintCountOrSavePrefix() {
        DStream<Integer> numbers = ssc.queueStream(queueOf(List.of(1)));
        assertThatThrownBy(() -> numbers.print(0)).hasMessageContaining("print(num): num must be positive, got 0");
        assertThatThrownBy(() -> numbers.saveAsTextFiles("", "txt")).hasMessageContaining("saveAsTextFiles: the prefix must name a path");
    }
}
