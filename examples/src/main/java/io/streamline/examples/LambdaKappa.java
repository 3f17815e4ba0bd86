package io.streamline.examples;

import io.streamline.engine.DataStreamWriter;
import io.streamline.engine.KeyValue;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.StreamingQueryListener;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import io.streamline.tuning.CommandLineOptions;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The course's Lambda against Kappa: the total amount spent per user, built two ways over one event log (a
 * Chronicle journal, the stored history plus the data arriving now).
 *
 * <ul>
 *   <li><b>Lambda</b>: a batch job ({@code availableNow}, a bounded read) over the history so far gives the
 *       batch view; a continuous speed layer over the data that arrives after it gives the speed view; a query
 *       merges the two at read time (batch + speed per user). Two code paths for one result.</li>
 *   <li><b>Kappa</b>: one continuous pipeline over the journal from its first entry. To recompute (new logic, a
 *       bug fixed), the same pipeline is started again from the start of the journal into a new output; once it
 *       has caught up with the log, reads switch over to it and the old one is stopped. One code path.</li>
 * </ul>
 * Prints both results and how long each step took, and checks that the Lambda view, both Kappa outputs and a
 * plain computation over the generated events agree (exit status 1 if not). Events are generated from
 * {@code --seed}, so a run can be repeated exactly.
 */
public final class LambdaKappa {
    private static final Duration EPOCH = Duration.ofMillis(100);
    private static final Duration CATCH_UP = Duration.ofMinutes(5);
    private static final String WRITER = "journal_writer";

    private LambdaKappa() {
    }

    /** What one run built: each view, keyed by user, and the time each step took. */
    record Outcome(Map<String, Long> expected, Map<String, Long> lambda, Map<String, Long> kappa,
                   Map<String, Long> kappaRecomputed, Map<String, Duration> timings) {
        boolean agree() {
            return expected.equals(lambda) && expected.equals(kappa) && expected.equals(kappaRecomputed);
        }
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions a = CommandLineOptions.parseOrExit(args, "usage: examples/run.sh LambdaKappa [--history N] "
                + "[--live N] [--users U] [--seed S] [--dir DIR]", "history", "live", "users", "seed", "dir");
        Examples.announce(LambdaKappa.class);
        Path dir = a.string("dir").map(Path::of).orElse(Files.createTempDirectory("lambda-kappa-"));
        Outcome outcome = run(a.longValue("history", 200_000), a.longValue("live", 50_000), a.longValue("users", 1000),
                a.longValue("seed", 42), dir, System.out);
        System.exit(outcome.agree() ? 0 : 1);
    }

    /** Runs both architectures over the same generated events under {@code dir}, printing to {@code out}. */
    static Outcome run(long history, long live, long users, long seed, Path dir, PrintStream out) throws Exception {
        out.printf("%,d stored events, then %,d new ones, for %,d users (seed %d); journal %s%n%n", history, live, users,
                seed, dir.resolve("events"));
        Random random = new Random(seed);
        List<String> past = events(random, history, users);
        List<String> arriving = events(random, live, users);
        Map<String, Long> expected = totals(past, arriving);
        Map<String, Duration> timings = new LinkedHashMap<>();
        String journal = dir.resolve("events").toString();

        try (StreamEngine engine = StreamEngine.create()) {
            RowsRead rowsRead = new RowsRead();
            engine.streams().addListener(rowsRead);
            // One writer appends every event to the journal, exactly once per batch (the sink skips a batch id it
            // already holds, so a second writer starting again at batch 0 would be skipped).
            MemoryStream<String> input = new MemoryStream<>("events");
            StreamingQuery writer = engine.readStream(input).writeStream().format("journal").option("path", journal)
                    .queryName(WRITER).option("checkpointLocation", dir.resolve("writer").toString())
                    .trigger(Trigger.processingTime(EPOCH)).start();
            input.addData(past);
            rowsRead.await(WRITER, history);

            // Lambda, batch layer: a bounded job over the history stored so far.
            long start = System.nanoTime();
            totalsPerUser(engine, journal, "lambda_batch", "earliest").trigger(Trigger.availableNow())
                    .option("checkpointLocation", dir.resolve("lambda-batch").toString()).start().awaitTermination();
            timings.put("Lambda batch job over the history", Duration.ofNanos(System.nanoTime() - start));

            // Lambda, speed layer: only what arrives from now on. Kappa: one pipeline over the whole log.
            StreamingQuery speed = totalsPerUser(engine, journal, "lambda_speed", "latest").trigger(Trigger.continuous(EPOCH))
                    .option("checkpointLocation", dir.resolve("lambda-speed").toString()).start();
            StreamingQuery kappa = totalsPerUser(engine, journal, "kappa_v1", "earliest").trigger(Trigger.continuous(EPOCH))
                    .option("checkpointLocation", dir.resolve("kappa-v1").toString()).start();
            rowsRead.await("kappa_v1", history);
            awaitFirstEpoch(speed); // its start position (latest) is fixed before new events arrive

            start = System.nanoTime();
            input.addData(arriving);
            rowsRead.await("lambda_speed", live);
            timings.put("Lambda speed layer over the new events", Duration.ofNanos(System.nanoTime() - start));
            rowsRead.await("kappa_v1", history + live);
            timings.put("Kappa pipeline over the new events", Duration.ofNanos(System.nanoTime() - start));

            // Lambda serves the merge of its two views, computed at query time.
            Map<String, Long> lambda = merge(engine.<KeyValue<String, Long>>table("lambda_batch").asMap(),
                    engine.<KeyValue<String, Long>>table("lambda_speed").asMap());

            // Kappa recomputes by replaying the journal into a new output, then switches reads over to it.
            start = System.nanoTime();
            StreamingQuery recomputed = totalsPerUser(engine, journal, "kappa_v2", "earliest")
                    .trigger(Trigger.continuous(EPOCH)).option("checkpointLocation", dir.resolve("kappa-v2").toString()).start();
            rowsRead.await("kappa_v2", history + live);
            timings.put("Kappa recomputation: replay of the whole journal", Duration.ofNanos(System.nanoTime() - start));
            Map<String, Long> kappaV1 = asTotals(engine.table("kappa_v1").asMap());
            String serving = "kappa_v2"; // the switch-over: readers now use the new output...
            kappa.stop(); // ...and the old pipeline goes
            Map<String, Long> kappaV2 = asTotals(engine.table(serving).asMap());
            speed.stop();
            recomputed.stop();
            writer.stop();

            Outcome outcome = new Outcome(expected, lambda, kappaV1, kappaV2, timings);
            print(outcome, out);
            return outcome;
        }
    }

    /** {@code user-<n>,<amount>} events. */
    private static List<String> events(Random random, long count, long users) {
        return LongStream.range(0, count)
                .mapToObj(i -> "user-" + random.nextInt((int) users) + "," + (1 + random.nextInt(100))).toList();
    }

    /** The result computed directly, to check both architectures against. */
    private static Map<String, Long> totals(List<String> past, List<String> arriving) {
        return Stream.concat(past.stream(), arriving.stream())
                .collect(Collectors.groupingBy(LambdaKappa::user, TreeMap::new, Collectors.summingLong(LambdaKappa::amount)));
    }

    private static String user(String event) {
        return event.substring(0, event.indexOf(','));
    }

    private static long amount(String event) {
        return Long.parseLong(event.substring(event.indexOf(',') + 1));
    }

    /** The one piece of logic both architectures share: total amount per user, from the journal. */
    private static DataStreamWriter<KeyValue<String, Long>> totalsPerUser(
            StreamEngine engine, String journal, String name, String startingIndex) {
        return engine.readStream().format("journal").option("path", journal).option("startingIndex", startingIndex)
                .<String>load()
                .groupByKey(LambdaKappa::user).sum(LambdaKappa::amount)
                .writeStream().format("memory").queryName(name).outputMode("update");
    }

    private static Map<String, Long> merge(Map<Object, Object> batch, Map<Object, Object> speed) {
        Map<String, Long> merged = asTotals(batch);
        asTotals(speed).forEach((user, total) -> merged.merge(user, total, Long::sum));
        return merged;
    }

    private static Map<String, Long> asTotals(Map<Object, Object> table) {
        Map<String, Long> totals = new TreeMap<>();
        table.forEach((user, total) -> totals.put((String) user, (Long) total));
        return totals;
    }

    private static void awaitFirstEpoch(StreamingQuery query) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (query.lastProgress() == null) {
            if (System.nanoTime() > deadline || !query.isActive()) {
                throw new IllegalStateException(query.name() + " committed no epoch: " + query.exception());
            }
            Thread.sleep(10);
        }
    }

    private static void print(Outcome outcome, PrintStream out) {
        out.println("How long each took:");
        outcome.timings().forEach((step, took) -> out.printf("  %-52s %,8d ms%n", step, took.toMillis()));
        out.println();
        out.printf("%-10s %12s %12s %12s %12s%n", "user", "computed", "Lambda", "Kappa v1", "Kappa v2");
        outcome.expected().entrySet().stream().limit(5).forEach(e -> out.printf("%-10s %,12d %,12d %,12d %,12d%n",
                e.getKey(), e.getValue(), outcome.lambda().get(e.getKey()), outcome.kappa().get(e.getKey()),
                outcome.kappaRecomputed().get(e.getKey())));
        out.printf("%-10s %,12d %,12d %,12d %,12d%n", "all users", sum(outcome.expected()), sum(outcome.lambda()),
                sum(outcome.kappa()), sum(outcome.kappaRecomputed()));
        out.println();
        out.println(outcome.agree()
                ? "The Lambda view (batch + speed, merged) and both Kappa outputs agree with each other and with the events, "
                        + "for all " + outcome.expected().size() + " users."
                : "DISAGREEMENT: the views differ (see the table above).");
    }

    private static long sum(Map<String, Long> totals) {
        return totals.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rows each query has read, from the engine's progress events. */
    private static final class RowsRead implements StreamingQueryListener {
        private final Map<String, AtomicLong> rows = new ConcurrentHashMap<>();

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            rows.computeIfAbsent(event.progress().name(), n -> new AtomicLong()).addAndGet(event.progress().numInputRows());
        }

        /** Waits until {@code query} has read {@code count} rows: it has caught up with the log. */
        void await(String query, long count) throws InterruptedException {
            long deadline = System.nanoTime() + CATCH_UP.toNanos();
            while (rows.computeIfAbsent(query, n -> new AtomicLong()).get() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(query + " read " + rows.get(query) + " of " + count + " rows in " + CATCH_UP);
                }
                Thread.sleep(5);
            }
        }
    }
}
