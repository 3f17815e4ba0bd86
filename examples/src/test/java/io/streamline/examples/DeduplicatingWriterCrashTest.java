package io.streamline.examples;

import io.streamline.engine.ExactlyOnceKillHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Continuous mode into a {@code ForeachWriter} that deduplicates by record position ({@link DeduplicatingWriter}),
 * end to end: the {@link ExactlyOnceForeach} example in a child JVM, killed with SIGKILL at random moments and halted in
 * both commit windows ({@link ExactlyOnceKillHarness}), restarted on the same directory. The writer's file must hold
 * every input number exactly once with its exact running count, positions 0, 1, 2, ... without a gap or a repeat, and
 * every key's counts increasing in file order, though rows are written one by one as they arrive.
 */
class DeduplicatingWriterCrashTest {
    @TempDir
    Path dir;

    @Test
    void rateSourceToKeyedCountToDeduplicatingWriterShouldWriteEveryRowExactlyOnceThroughKills() throws Exception {
        ExactlyOnceKillHarness.Outcome outcome = harness("rate", List.of()).killRepeatedly();
        List<long[]> rows = rows(dir.resolve("work").resolve("out"));
        long max = ExactlyOnceKillHarness.check(rows);
        assertThat(rows).as("every number up to the largest written, once").hasSize((int) max + 1);
        report("rate", outcome, rows.size());
    }

    @Test
    void fileSourceToKeyedCountToDeduplicatingWriterShouldWriteEveryLineExactlyOnceThroughKills() throws Exception {
        Path input = dir.resolve("in");
        ExactlyOnceKillHarness harness = harness("file", List.of("--input", input.toString()));
        ExactlyOnceKillHarness.Outcome outcome;
        long fed;
        try (ExactlyOnceKillHarness.NumberFiles files = new ExactlyOnceKillHarness.NumberFiles(input)) {
            outcome = harness.killRepeatedly();
            fed = files.stop();
        }
        harness.runUntil(fed);
        List<long[]> rows = rows(dir.resolve("work").resolve("out"));
        assertThat(ExactlyOnceKillHarness.check(rows)).isEqualTo(fed - 1);
        assertThat(rows).as("every line fed, once").hasSize((int) fed);
        report("file", outcome, rows.size());
    }

    private ExactlyOnceKillHarness harness(String name, List<String> extra) {
        Path work = dir.resolve("work");
        List<String> args = new ArrayList<>(List.of("--dir", work.toString(), "--seconds", "100000"));
        args.addAll(extra);
        return new ExactlyOnceKillHarness(name, dir, work.resolve("checkpoint"), ExactlyOnceForeach.class, args,
                () -> rows(work.resolve("out")));
    }

    private static void report(String name, ExactlyOnceKillHarness.Outcome outcome, int rows) {
        System.out.printf("continuous exactly-once crash test, %s source -> keyed count -> ForeachWriter deduplicating by"
                + " position: %s; %d rows written, 0 lost, 0 duplicated, counts never decreased%n", name, outcome.summary(), rows);
    }

    /**
     * The writer's complete lines as {@code value, key, count}, checking that their positions run 0, 1, 2, ...; a
     * line being written (no line break yet) is left out.
     */
    private static List<long[]> rows(Path out) {
        Path file = DeduplicatingWriter.file(out, 0);
        if (!Files.exists(file)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<long[]> rows = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
            String line = text.substring(start, end);
            int tab = line.indexOf('\t');
            assertThat(Long.parseLong(line.substring(0, tab))).as("position of row %d", rows.size()).isEqualTo(rows.size());
            String[] fields = line.substring(tab + 1).split(",");
            rows.add(new long[]{Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2])});
        }
        return rows;
    }
}
