package io.streamline.operators.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.engine.ChildJvm;
import io.streamline.engine.sink.FileSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * For the crash tests: runs a pipeline main class in child JVMs that are killed with {@code kill -9} and restarted on
 * the same checkpoint, and reads the committed rows of its JSON file sink through the sink's metadata log.
 */
final class CrashRuns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CrashRuns() {
    }

    /**
     * Runs {@code pipeline} (arguments: checkpoint, output, mode, rows per second) {@code runs} times under {@code dir},
     * each time until the output has grown by {@code minRows} plus up to {@code randomRows} more committed rows, then
     * kills it.
     *
     * @return the output directory
     */
    static Path killRepeatedly(Class<?> pipeline, Path dir, String mode, String rowsPerSecond, int runs, int minRows,
                               int randomRows, Random random) throws Exception {
        Path checkpoint = dir.resolve("checkpoint");
        Path output = dir.resolve("out");
        for (int run = 0; run < runs; run++) {
            int target = rows(output).size() + minRows + random.nextInt(randomRows);
            try (ChildJvm child = ChildJvm.start(pipeline, dir.resolve("child.log"), checkpoint.toString(), output.toString(),
                    mode, rowsPerSecond)) {
                child.await("child commits up to " + target + " rows", Duration.ofSeconds(90), () -> {
                    child.assertAlive();
                    return rows(output).size() >= target;
                });
                child.kill(); // the sources keep producing, so open windows and buffered rows are in state at the kill
            }
        }
        return output;
    }

    static List<JsonNode> rows(Path output) {
        try {
            return FileSink.committedLines(output).stream().map(CrashRuns::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
