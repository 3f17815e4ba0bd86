package io.streamline.engine.contract;

import io.streamline.engine.ChildJvm;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.TestSeed;
import io.streamline.engine.Trigger;
import io.streamline.engine.config.Options;
import io.streamline.engine.connector.Connectors;
import io.streamline.engine.source.SourceContext;
import io.streamline.engine.source.SourceReader;
import io.streamline.engine.source.StreamSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every source passes (as JCTools runs one queue suite against every queue). A connector's test
 * extends this class and says how to make its source, how to feed it and how to read a record's key; the suite
 * then checks, against the real source:
 * <ul>
 *   <li>offsets: a partition reopened at the offset its reader reported after any record goes on with exactly
 *       the records that followed it (replay from a committed position);</li>
 *   <li>micro-batches: a batch planned with {@code availableOffset} holds at most the records asked for, and
 *       reading it again from its start offset (a batch re-run after a crash) gives exactly the same records;</li>
 *   <li>crash and restart: a child JVM copying the source into an exactly-once file sink is killed with
 *       {@code kill -9} at seeded random moments after commits, with records arriving while it runs and while it
 *       is down; after a last restart every record is in the output once (no loss, no record read again);</li>
 *   <li>bad options: each refused with an {@link IllegalArgumentException} naming the option and what is
 *       accepted, an unknown option too.</li>
 * </ul>
 * Records carry numeric keys: a fed source's records are the keys it was fed ({@link #append}); a source that
 * makes its own records ({@link #generatesOwnRecords()}, like {@code rate}) numbers them
 * {@code partition + position * partitions}. The subclass needs a no-argument constructor: the child JVM makes
 * its own instance. Seeds are printed and replayable with {@code -Dstreamline.test.seed}; the number of kills is
 * {@code -Dstreamline.contract.kills} (default 2).
 *
 * @param <T> the source's record type
 */
public abstract class SourceContract<T> {
    /** Records fed to a source per step of a test. */
    protected static final int BATCH = 200;
    private static final int KILLS = Integer.getInteger("streamline.contract.kills", 2);
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    // ---- what a connector's test provides ----

    /** The format name the source is made with, or {@code null} if it is not made through {@link Connectors}. */
    protected abstract String format();

    /** The options that make the source read the input kept under {@code dir}. */
    protected Map<String, String> options(Path dir) {
        return Map.of();
    }

    /**
     * Makes the source reading the input under {@code dir}; called in the test JVM and in child JVMs. The default
     * makes {@link #format()} with {@link #options}.
     */
    @SuppressWarnings("unchecked")
    protected StreamSource<T> source(Path dir) throws Exception {
        return (StreamSource<T>) Connectors.source(format(), new Options("source '" + format() + "'", options(dir)));
    }

    /** Prepares the input under {@code dir} (e.g. creates a directory, starts a server) before anything else; test JVM only. */
    protected void setUp(Path dir) throws Exception {
    }

    /**
     * Feeds records with keys {@code from} to {@code to - 1}, in order, to the source's input under {@code dir};
     * it must not wait for a reader. Not called for a source that {@linkplain #generatesOwnRecords() makes its own}.
     */
    protected abstract void append(Path dir, long from, long to) throws Exception;

    /** Whether the source makes its own records ({@code rate}) instead of reading what {@link #append} fed. */
    protected boolean generatesOwnRecords() {
        return false;
    }

    /**
     * Whether the source only gets what is sent while it is connected (a socket): what was sent to a reader that
     * was then killed is not replayed, so the crash test expects only the records fed during the last run, and no
     * record twice.
     */
    protected boolean receivesOnlyWhileConnected() {
        return false;
    }

    /**
     * Whether {@link SourceReader#availableOffset} keeps a micro-batch within the record count it is given; a
     * source whose batches are bounded otherwise (the file sources: by files, {@code maxFilesPerTrigger}) says no.
     */
    protected boolean limitsMicroBatchesByRecords() {
        return true;
    }

    /** The key of a record (see the class comment). */
    protected abstract long keyOf(T record);

    /** Settings the source must refuse (at least one), each naming the option and what is accepted. */
    protected abstract List<BadOption> badOptions(Path dir) throws Exception;

    /** Registers something to close when the test ends (a server started in {@link #setUp}). */
    protected final void closeAfterTest(AutoCloseable resource) {
        toClose.add(resource);
    }

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    // ---- the contract ----

    /** One record as a reader emitted it, with the reader's offset after it. */
    private record Read(long key, String offsetAfter) {
    }

    @Test
    void aPartitionReopenedAtAnyOffsetGoesOnWithExactlyTheRecordsThatFollowed() throws Exception {
        long seed = TestSeed.of(getClass().getSimpleName() + ".reopen");
        Random random = new Random(seed);
        setUp(dir);
        StreamSource<T> source = source(dir);
        int partitions = source.partitions();
        assertThat(partitions).as("partitions").isPositive();
        List<SourceReader<T>> readers = new ArrayList<>();
        List<String> startOffsets = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            SourceReader<T> reader = source.openPartition(p, null, context(p));
            readers.add(reader);
            startOffsets.add(reader.offset());
        }
        if (!generatesOwnRecords()) {
            append(dir, 0, BATCH);
        }
        Map<Integer, List<Read>> reads = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            reads.put(p, new ArrayList<>());
        }
        int perPartition = BATCH / partitions;
        readUntil("every record read (seed " + seed + ")", readers, reads, () -> generatesOwnRecords()
                ? reads.values().stream().allMatch(r -> r.size() >= perPartition)
                : reads.values().stream().mapToInt(List::size).sum() >= BATCH);
        readers.forEach(SourceReader::close);

        List<Long> all = reads.values().stream().flatMap(List::stream).map(Read::key).toList();
        assertThat(new HashSet<>(all)).as("records read twice").hasSize(all.size());
        if (generatesOwnRecords()) {
            reads.forEach((p, r) -> assertThat(r.subList(0, perPartition).stream().map(Read::key).toList())
                    .as("partition %d numbers its records partition + position * partitions", p)
                    .isEqualTo(numbered(p, partitions, 0, perPartition)));
        } else {
            assertThat(new TreeSet<>(all)).as("the records fed").isEqualTo(keys(0, BATCH));
        }
        for (int p = 0; p < partitions; p++) {
            List<Read> read = reads.get(p);
            int limit = generatesOwnRecords() ? perPartition : read.size();
            List<Integer> cuts = new ArrayList<>(List.of(-1));
            for (int i = 0; i < 3 && limit > 0; i++) {
                cuts.add(random.nextInt(limit));
            }
            for (int cut : cuts) {
                String offset = cut < 0 ? startOffsets.get(p) : read.get(cut).offsetAfter();
                int expected = Math.min(limit - cut - 1, 50);
                List<Long> following = read.subList(cut + 1, cut + 1 + expected).stream().map(Read::key).toList();
                SourceReader<T> reopened = source.openPartition(p, offset, context(p));
                List<Read> again = new ArrayList<>();
                Map<Integer, List<Read>> one = Map.of(p, again);
                readUntil("partition " + p + " reopened at " + offset + " reads " + expected + " records (seed " + seed + ")",
                        List.of(reopened), one, p, () -> again.size() >= expected);
                reopened.close();
                assertThat(again.subList(0, expected).stream().map(Read::key).toList())
                        .as("partition %d reopened at offset %s (after record #%d; seed %d)", p, offset, cut, seed)
                        .isEqualTo(following);
            }
        }
    }

    @Test
    void aMicroBatchReadAgainFromItsStartHasExactlyTheSameRecords() throws Exception {
        setUp(dir);
        StreamSource<T> source = source(dir);
        if (!source.supportsMicroBatch()) {
            SourceReader<T> reader = source.openPartition(0, null, context(0));
            assertThatThrownBy(() -> reader.availableOffset(1)).as("a source without micro-batches says so")
                    .isInstanceOf(UnsupportedOperationException.class);
            reader.close();
            return;
        }
        if (!generatesOwnRecords()) {
            append(dir, 0, BATCH);
        }
        long limit = BATCH / 4;
        record Batch(int partition, String start, String end, List<Long> keys) {
        }
        List<Batch> batches = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        int partitions = source.partitions();
        List<SourceReader<T>> readers = new ArrayList<>();
        int[] batchesOf = new int[partitions];
        for (int p = 0; p < partitions; p++) {
            readers.add(source.openPartition(p, null, context(p)));
        }
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        // Round robin over the partitions, one planned batch each, until the batches cover what was fed (or, for
        // a generating source, each partition had three).
        while (generatesOwnRecords() ? java.util.Arrays.stream(batchesOf).anyMatch(b -> b < 3) : seen.size() < BATCH) {
            assertThat(System.nanoTime()).as("micro-batches cover the records in time (seen %d)", seen.size()).isLessThan(deadline);
            boolean planned = false;
            for (int p = 0; p < partitions; p++) {
                SourceReader<T> reader = readers.get(p);
                String start = reader.offset();
                String end = reader.availableOffset(limit);
                if (reader.compareOffsets(end, start) == 0) {
                    continue;
                }
                List<Long> keys = readBatch(reader, end);
                assertThat(keys).as("batch %s..%s of partition %d", start, end, p).isNotEmpty();
                if (limitsMicroBatchesByRecords()) {
                    assertThat(keys).as("batch %s..%s of partition %d asked for at most %d records", start, end, p, limit)
                            .hasSizeLessThanOrEqualTo((int) limit);
                }
                seen.addAll(keys);
                batches.add(new Batch(p, start, end, keys));
                batchesOf[p]++;
                planned = true;
            }
            if (!planned) {
                pause();
            }
        }
        readers.forEach(SourceReader::close);
        if (!generatesOwnRecords()) {
            assertThat(seen).as("micro-batches cover every record fed").isEqualTo(keys(0, BATCH));
        }
        for (Batch batch : batches) {
            SourceReader<T> reader = source.openPartition(batch.partition(), batch.start(), context(batch.partition()));
            assertThat(readBatch(reader, batch.end())).as("batch %s..%s of partition %d read again", batch.start(),
                    batch.end(), batch.partition()).isEqualTo(batch.keys());
            reader.close();
        }
    }

    @Test
    void recordsSurviveKillNineOfTheQueryWithoutLossOrDuplicates() throws Exception {
        long seed = TestSeed.of(getClass().getSimpleName() + ".killNine");
        Random random = new Random(seed);
        setUp(dir);
        Path checkpoint = dir.resolve("checkpoint");
        Path out = dir.resolve("out");
        long fed = 0;
        if (!generatesOwnRecords()) {
            append(dir, 0, BATCH);
            fed = BATCH;
        }
        for (int k = 0; k < KILLS; k++) {
            try (ChildJvm child = startChild(checkpoint, out, "child-" + k)) {
                long before = Commits.lastEpoch(checkpoint);
                child.await("run " + k + " commits an epoch (seed " + seed + ")", DEADLINE, () -> {
                    child.assertAlive();
                    return Commits.lastEpoch(checkpoint) > before;
                });
                if (!generatesOwnRecords()) {
                    append(dir, fed, fed + BATCH); // arrives while the query runs
                    fed += BATCH;
                }
                Thread.sleep(random.nextInt(300));
                child.kill();
            }
            if (!generatesOwnRecords() && !receivesOnlyWhileConnected()) {
                append(dir, fed, fed + BATCH); // arrives while the query is down
                fed += BATCH;
            }
        }
        long lastRunFrom = fed;
        int partitions = source(dir).partitions();
        Map<Long, Long> positionsAtLastKill = positionsByPartition(keysIn(out), partitions);
        try (ChildJvm last = startChild(checkpoint, out, "child-last")) {
            if (!generatesOwnRecords()) {
                append(dir, fed, fed + BATCH);
                fed += BATCH;
            }
            long expectedFrom = receivesOnlyWhileConnected() ? lastRunFrom : 0;
            long expectedTo = fed;
            last.await("every record in the output (seed " + seed + ")", DEADLINE, () -> {
                last.assertAlive();
                List<Long> keys = keysIn(out);
                if (generatesOwnRecords()) {
                    Map<Long, Long> now = positionsByPartition(keys, partitions);
                    return now.size() == partitions && now.entrySet().stream()
                            .allMatch(e -> e.getValue() >= positionsAtLastKill.getOrDefault(e.getKey(), 0L) + 50);
                }
                return new HashSet<>(keys).containsAll(keys(expectedFrom, expectedTo));
            });
        }
        List<Long> delivered = keysIn(out);
        List<Long> twice = new ArrayList<>(delivered);
        new HashSet<>(delivered).forEach(twice::remove);
        assertThat(twice).as("records read again after a kill -9 (seed %d)", seed).isEmpty();
        if (generatesOwnRecords()) {
            Map<Long, List<Long>> byPartition = new LinkedHashMap<>();
            for (long key : new TreeSet<>(delivered)) {
                byPartition.computeIfAbsent(key % partitions, p -> new ArrayList<>()).add(key);
            }
            byPartition.forEach((p, keys) -> assertThat(keys).as("partition %d's records, none lost (seed %d)", p, seed)
                    .isEqualTo(numbered(p.intValue(), partitions, 0, keys.size())));
        } else {
            assertThat(new TreeSet<>(delivered)).as("records fed (seed %d)", seed).isSubsetOf(keys(0, fed))
                    .containsAll(keys(receivesOnlyWhileConnected() ? lastRunFrom : 0, fed));
        }
        System.out.println(getClass().getSimpleName() + " (seed " + seed + "): " + delivered.size() + " records after "
                + KILLS + " kills");
    }

    @Test
    void badOptionsAreRefusedNamingTheOptionAndWhatIsAccepted() throws Exception {
        setUp(dir);
        List<BadOption> bad = new ArrayList<>(badOptions(dir));
        assertThat(bad).as("the connector's test names at least one bad option").isNotEmpty();
        if (format() != null) {
            Map<String, String> unknown = new HashMap<>(options(dir));
            unknown.put("noSuchOption", "1");
            bad.add(new BadOption("noSuchOption", "accepted options",
                    () -> Connectors.source(format(), new Options("source '" + format() + "'", unknown))));
        }
        for (BadOption option : bad) {
            assertThatThrownBy(option.attempt()::run).as("option %s", option.option())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(option.option()).hasMessageContaining(option.accepted());
        }
    }

    // ---- the child JVM's query ----

    /** The crash test's query: the source's keys as text into a text file sink with a checkpoint. */
    final StreamingQuery startCopyQuery(StreamEngine engine, Path dir, Path checkpoint, Path out) throws Exception {
        return engine.readStream(source(dir)).map(record -> Long.toString(keyOf(record)))
                .writeStream().format("text").option("path", out.toString())
                .option("checkpointLocation", checkpoint.toString())
                .trigger(Trigger.continuous(100)).start();
    }

    private ChildJvm startChild(Path checkpoint, Path out, String name) throws Exception {
        ChildJvm child = ChildJvm.start(ContractChild.class, dir.resolve(name + ".log"), "source", getClass().getName(),
                dir.toString(), checkpoint.toString(), out.toString());
        child.awaitOutput(ContractChild.RUNNING, DEADLINE);
        return child;
    }

    // ---- helpers ----

    private SourceContext context(int partition) {
        String name = format() == null ? "source" : format();
        return new SourceContext("0-" + name + "/" + partition, dir.resolve("spi-checkpoint"));
    }

    private void readUntil(String what, List<SourceReader<T>> readers, Map<Integer, List<Read>> reads, BooleanSupplier done) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            int polled = 0;
            for (int p = 0; p < readers.size(); p++) {
                polled += pollOne(readers.get(p), reads.get(p));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE + " waiting for: " + what + "; read " + reads);
            }
            if (polled == 0) {
                pause();
            }
        }
    }

    private void readUntil(String what, List<SourceReader<T>> readers, Map<Integer, List<Read>> reads, int partition,
                           BooleanSupplier done) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            if (pollOne(readers.get(0), reads.get(partition)) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out after " + DEADLINE + " waiting for: " + what + "; read " + reads);
                }
                pause();
            }
        }
    }

    /** Polls one record, so that the reader's offset after each record is known. */
    private int pollOne(SourceReader<T> reader, List<Read> into) {
        List<Long> keys = new ArrayList<>(1);
        int n = reader.poll((value, offset, ingestNanos, eventTime) -> keys.add(keyOf(value)), 1);
        assertThat(keys).as("records emitted by poll(max 1), which returned %d", n).hasSize(n);
        if (n == 1) {
            into.add(new Read(keys.get(0), reader.offset()));
        }
        return n;
    }

    /** Reads a planned micro-batch to its end offset. */
    private List<Long> readBatch(SourceReader<T> reader, String end) {
        List<Long> keys = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (reader.compareOffsets(reader.offset(), end) < 0) {
            int n = reader.pollUntil((value, offset, ingestNanos, eventTime) -> keys.add(keyOf(value)), 64, end);
            if (n == 0) {
                assertThat(System.nanoTime()).as("the batch up to %s is read in time (at %s)", end, reader.offset())
                        .isLessThan(deadline);
                pause();
            }
        }
        assertThat(reader.compareOffsets(reader.offset(), end)).as("a batch is read up to its end, not past it").isZero();
        return keys;
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    private static List<Long> keysIn(Path out) {
        return TextOutput.lines(out).stream().map(Long::parseLong).toList();
    }

    /** For a generating source: the highest position seen in each partition. */
    private static Map<Long, Long> positionsByPartition(List<Long> keys, int partitions) {
        Map<Long, Long> max = new HashMap<>();
        for (long key : keys) {
            max.merge(key % partitions, key / partitions, Math::max);
        }
        return max;
    }

    private static List<Long> numbered(int partition, int partitions, int from, int count) {
        List<Long> keys = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            keys.add(partition + (long) i * partitions);
        }
        return keys;
    }

    private static Set<Long> keys(long from, long to) {
        Set<Long> keys = new TreeSet<>();
        for (long k = from; k < to; k++) {
            keys.add(k);
        }
        return keys;
    }

    /** For subclasses: writes {@code text} to {@code target} atomically (staged next to it, then renamed). */
    protected static void writeAtomically(Path target, String text) throws Exception {
        Path staged = target.resolveSibling("." + target.getFileName() + ".staging");
        Files.writeString(staged, text);
        Files.move(staged, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
