package io.streamline.examples;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.RateRow;
import io.streamline.tuning.CommandLineOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Continuous mode, exactly once, row by row: rate -> keyed running count -> a {@link DeduplicatingWriter}, 100 ms
 * epochs. Stop it any way you like ({@code kill -9} too) and run it again with the same {@code --dir}: it resumes from
 * its checkpoint, the engine replays what was not committed, and the writer skips the rows it already has, so the
 * output never holds a row twice and never misses one. Prints how many rows the output holds and how many values
 * appear twice (0). Options: {@code --dir DIR} (default: a temporary directory, deleted at the end), {@code --seconds},
 * {@code --rate}, {@code --input DIR} (text files of one number per line instead of the rate source).
 */
public final class ExactlyOnceForeach {
    static final int KEYS = 1000;

    private ExactlyOnceForeach() {
    }

    /** A key's running tally: how many values so far and the latest. */
    record Tally(long lastValue, long count) implements java.io.Serializable {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions a = CommandLineOptions.parseOrExit(args,
                "usage: examples/run.sh ExactlyOnceForeach [--dir DIR] [--seconds 10] [--rate 5000] [--input DIR]",
                "dir", "seconds", "rate", "input");
        Examples.announce(ExactlyOnceForeach.class);
        try (WorkDir work = WorkDir.of(a.string("dir"), "exactly-once-")) {
            run(work.path(), a.longValue("seconds", 10), a.longValue("rate", 5000), a.string("input").orElse(null));
        }
    }

    private static void run(Path dir, long seconds, long rate, String input) throws Exception {
        Path out = dir.resolve("out");
        System.out.println("output before this run: " + rows(out) + " rows");
        try (StreamEngine engine = StreamEngine.create()) {
            var numbers = input != null ? engine.readStream().text(input).map(Long::parseLong)
                    : engine.readStream().option("rowsPerSecond", rate).rate().map(RateRow::value);
            StreamingQuery query = numbers
                    .map(v -> new Tally(v, 1))
                    .groupByKey(t -> t.lastValue() % KEYS)
                    .reduce((acc, t) -> new Tally(t.lastValue(), acc.count() + t.count()))
                    .writeStream().outputMode("update")
                    .foreach(new DeduplicatingWriter<>(out, kv -> kv.value().lastValue() + "," + kv.key() + "," + kv.value().count()))
                    .option("checkpointLocation", dir.resolve("checkpoint").toString())
                    .trigger(Trigger.continuous(Duration.ofMillis(100)))
                    .start();
            query.awaitTermination(seconds * 1000);
            query.stop();
        }
        System.out.println("output after this run: " + rows(out) + " rows, " + duplicatedValues(out) + " values twice");
    }

    private static long rows(Path out) throws Exception {
        Path file = DeduplicatingWriter.file(out, 0);
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    private static long duplicatedValues(Path out) throws Exception {
        Path file = DeduplicatingWriter.file(out, 0);
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(file);
        Set<String> values = new HashSet<>();
        return lines.stream().filter(l -> !values.add(l.substring(l.indexOf('\t') + 1, l.indexOf(',')))).count();
    }
}
