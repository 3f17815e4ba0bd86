package io.streamline.engine;

import io.streamline.engine.sink.FileSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Continuous mode's exactly-once output into the file sink, end to end: a real pipeline JVM (source -> keyed running
 * count -> JSON file sink, 100 ms epochs, {@link ContinuousExactlyOnceChild}) killed with SIGKILL at random moments
 * and halted in both commit windows ({@link ExactlyOnceKillHarness}). The committed output must hold every input
 * number exactly once (0 lost, 0 duplicated) with its exact running count, every key's counts must increase in commit
 * order, and the output directory must hold no file its metadata log does not list.
 */
class ContinuousExactlyOnceCrashTest {
    @TempDir
    Path dir;

    @Test
    void rateSourceToKeyedCountToFileSinkShouldCommitEveryRowExactlyOnceThroughKills() throws Exception {
        Path output = dir.resolve("out");
        ExactlyOnceKillHarness.Outcome outcome = harness("rate", "rate:5000").killRepeatedly();

        List<long[]> rows = CommittedTallies.rows(output);
        long max = ExactlyOnceKillHarness.check(rows);
        assertThat(rows).as("every number up to the largest committed one, once").hasSize((int) max + 1);
        report("rate", outcome, rows.size());
    }

    @Test
    void fileSourceToKeyedCountToFileSinkShouldCommitEveryLineExactlyOnceThroughKills() throws Exception {
        Path output = dir.resolve("out");
        Path input = dir.resolve("in");
        ExactlyOnceKillHarness harness = harness("file", "text:" + input);
        ExactlyOnceKillHarness.Outcome outcome;
        long fed;
        try (ExactlyOnceKillHarness.NumberFiles files = new ExactlyOnceKillHarness.NumberFiles(input)) {
            outcome = harness.killRepeatedly();
            fed = files.stop();
        }
        harness.runUntil(fed);

        List<long[]> rows = CommittedTallies.rows(output);
        long max = ExactlyOnceKillHarness.check(rows);
        assertThat(max).isEqualTo(fed - 1);
        assertThat(rows).as("every line fed, once").hasSize((int) fed);
        report("file", outcome, rows.size());
    }

    private ExactlyOnceKillHarness harness(String name, String source) {
        Path checkpoint = dir.resolve("checkpoint");
        Path output = dir.resolve("out");
        return new ExactlyOnceKillHarness(name, dir, checkpoint, ContinuousExactlyOnceChild.class,
                List.of(checkpoint.toString(), output.toString(), source), () -> CommittedTallies.rows(output));
    }

    private void report(String name, ExactlyOnceKillHarness.Outcome outcome, int rows) throws IOException {
        Path out = dir.resolve("out");
        List<String> listed = FileSink.committedFiles(out);
        try (Stream<Path> files = Files.list(out)) {
            List<String> unlisted = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("part-") && !listed.contains(n)).toList();
            assertThat(unlisted).as("part files the metadata log does not list").isEmpty();
        }
        assertThat(out.resolve(FileSink.ORPHANS)).as("nothing was ever orphaned").doesNotExist();
        System.out.printf("continuous exactly-once crash test, %s source -> keyed count -> file sink: %s; %d rows committed,"
                + " 0 lost, 0 duplicated, counts never decreased, no unlisted file%n", name, outcome.summary(), rows);
    }
}
