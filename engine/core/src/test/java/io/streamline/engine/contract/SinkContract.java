package io.streamline.engine.contract;

import io.streamline.engine.ChildJvm;
import io.streamline.engine.OutputMode;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.TestSeed;
import io.streamline.engine.Trigger;
import io.streamline.engine.config.Options;
import io.streamline.engine.connector.Connectors;
import io.streamline.engine.connector.SinkContext;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.sink.EpochOutput;
import io.streamline.engine.sink.SinkSetup;
import io.streamline.engine.sink.SinkWriter;
import io.streamline.engine.sink.Sinks;
import io.streamline.engine.sink.StreamSink;
import io.streamline.engine.source.MemoryStream;
import io.streamline.engine.source.RateRow;
import io.streamline.journal.CommitRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every sink passes. A connector's test extends this class and says how to make its sink and how to
 * read back what it made visible; the suite then checks, against the real sink:
 * <ul>
 *   <li>the epoch protocol, driven directly: what {@code prepare}/{@code persist} ended and a commit record names is
 *       visible after {@code recover} even if {@code commit()} never ran, and an epoch prepared but never committed
 *       and then replayed is in the output as the sink's {@link #delivery} promises (once, or at least once);</li>
 *   <li>epoch ids, through the engine in both trigger modes: {@code recover} gets the last committed epoch and its
 *       handles, writers start at the epoch after it, prepare increasing epochs, and persist and commit only
 *       those; across a stop and restart on the checkpoint, every record is delivered as promised;</li>
 *   <li>crash and restart: a child JVM running {@code rate -> sink} (in each trigger mode) is killed with
 *       {@code kill -9} at seeded random moments after commits; after a last restart every committed record is in the output, once for an
 *       exactly-once sink; for a sink whose output lives in the query's process ({@code memory}), the restarted
 *       process's output starts exactly at the committed offset;</li>
 *   <li>bad options: each refused with an {@link IllegalArgumentException} naming the option and what is
 *       accepted, an unknown option too.</li>
 * </ul>
 * Rows are the decimal strings of numeric keys ({@code "0"}, {@code "1"}, ...); {@link #readBack} turns the output
 * back into keys. The subclass needs a no-argument constructor: the child JVM makes its own instance. Seeds are
 * printed and replayable with {@code -Dstreamline.test.seed}; the number of kills is
 * {@code -Dstreamline.contract.kills} (default 2).
 */
public abstract class SinkContract {
    private static final int KILLS = Integer.getInteger("streamline.contract.kills", 2);
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /** The query name the suite's queries run under (the memory sink's table). */
    protected static final String QUERY = "contract";

    @TempDir
    Path dir;

    // ---- what a connector's test provides ----

    /** The format name the sink is made with, or {@code null} if it is not made through {@link Connectors}. */
    protected abstract String format();

    /** The options that make the sink write its output under {@code dir}. */
    protected Map<String, String> options(Path dir) {
        return Map.of();
    }

    /**
     * Makes the sink writing its output under {@code dir}; called in the test JVM and in child JVMs, once per query
     * run. The default makes {@link #format()} with {@link #options}.
     */
    @SuppressWarnings("unchecked")
    protected StreamSink<String> sink(Path dir) throws Exception {
        SinkContext context = new SinkContext(QUERY, name -> {
            throw new IllegalStateException("the contract suite gives sinks no engine tables");
        });
        return (StreamSink<String>) Connectors.sink(format(), new Options("sink '" + format() + "'", options(dir)), context);
    }

    /** The keys of the rows the sink made visible under {@code dir}, duplicates included, in any order. */
    protected abstract List<Long> readBack(Path dir) throws Exception;

    /** What the sink promises for replayed epochs, in micro-batch mode or in continuous mode. */
    protected abstract Delivery delivery(boolean microBatch);

    /**
     * Whether the output outlives the process that wrote it (files, journals, a terminal's log: yes; the
     * {@code memory} sink's table: no, so the crash windows of the protocol do not apply to it, and after a kill
     * only the restarted process's output is checked).
     */
    protected boolean outputSurvivesTheProcess() {
        return true;
    }

    /** Settings the sink must refuse (at least one), each naming the option and what is accepted. */
    protected abstract List<BadOption> badOptions(Path dir) throws Exception;

    // ---- the contract: the epoch protocol, driven directly ----

    @ParameterizedTest(name = "microBatch={0}")
    @ValueSource(booleans = {false, true})
    void whatACommitRecordNamesIsVisibleAfterRecoveryAndAReplayedEpochIsDeliveredAsPromised(boolean microBatch) throws Exception {
        Path checkpoint = dir.resolve("spi-checkpoint");
        boolean crashes = outputSurvivesTheProcess();
        StreamSink<String> sink = sink(dir);
        sink.recover(-1, Map.of());
        SinkWriter<String> writer = sink.open(setup(microBatch, 0, checkpoint));
        Sinks.writeKeys(writer, 0, 0, 10);
        finish(writer.prepare(0), true);
        Sinks.writeKeys(writer, 1, 10, 20);
        EpochOutput one = writer.prepare(1);
        String handle = one.persist();
        // The commit record of epoch 1 is durable; the process dies before commit() (unless its output would die with it).
        if (!crashes) {
            one.commit();
        }
        Map<Integer, String> handles = handle == null ? Map.of() : Map.of(0, handle);
        sink = sink(dir);
        sink.recover(1, handles);
        assertThat(new TreeSet<>(readBack(dir))).as("epochs 0 and 1 visible after recovery with epoch 1's commit record")
                .isEqualTo(keys(0, 20));

        writer = sink.open(setup(microBatch, 2, checkpoint));
        Sinks.writeKeys(writer, 2, 20, 30);
        EpochOutput two = writer.prepare(2);
        two.persist();
        // No commit record for epoch 2: the process dies, and the restarted query replays epoch 2.
        if (!crashes) {
            two.commit();
        }
        sink = sink(dir);
        sink.recover(1, handles);
        writer = sink.open(setup(microBatch, 2, checkpoint));
        Sinks.writeKeys(writer, 2, 20, 30);
        finish(writer.prepare(2), true);
        Sinks.writeKeys(writer, 3, 30, 40);
        finish(writer.prepare(3), true);
        writer.close(null);
        assertDelivered(readBack(dir), keys(0, 40), delivery(microBatch), "after epoch 2 was replayed");
    }

    // ---- the contract: epoch ids through the engine ----

    @ParameterizedTest(name = "microBatch={0}")
    @ValueSource(booleans = {false, true})
    void theSinkSeesTheQuerysEpochsAndRecoversTheLastCommitAcrossARestart(boolean microBatch) throws Exception {
        Path checkpoint = dir.resolve("checkpoint");
        StreamEngine engine = StreamEngine.create();
        Recording first = new Recording(sink(dir));
        StreamingQuery query = startMemoryQuery(engine, first, checkpoint, microBatch, 0, 100);
        first.source.addData(rows(100, 200));
        query.processAllAvailable();
        query.stop();
        assertThat(first.recovered).as("recover() of a new query").containsExactly(new Recovered(-1, Map.of()));
        first.assertEpochsInOrder(0);
        long lastCommitted = Commits.lastEpoch(checkpoint);
        CommitRecord lastCommit = Commits.last(checkpoint).orElseThrow();
        assertThat(first.committed).as("epochs whose commit() ran").isNotEmpty().last().isEqualTo(lastCommitted);

        Recording second = new Recording(sink(dir));
        query = startMemoryQuery(engine, second, checkpoint, microBatch, 0, 300);
        query.processAllAvailable();
        query.stop();
        Map<Integer, String> handles = new HashMap<>();
        lastCommit.sinkHandles().forEach((key, handle) -> handles.put(Integer.parseInt(key.substring(key.indexOf('/') + 1)), handle));
        assertThat(second.recovered).as("recover() after a restart: the last commit and its handles")
                .containsExactly(new Recovered(lastCommitted, handles));
        assertThat(handles).as("the handles persist() returned for the last committed epoch")
                .isEqualTo(first.persistedHandles.getOrDefault(lastCommitted, Map.of()));
        second.assertEpochsInOrder(lastCommitted + 1);
        assertDelivered(readBack(dir), keys(0, 300), delivery(microBatch), "after a restart");
    }

    // ---- the contract: kill -9 ----

    @ParameterizedTest(name = "microBatch={0}")
    @ValueSource(booleans = {false, true})
    void committedRecordsSurviveKillNineOfTheQuery(boolean microBatch) throws Exception {
        long seed = TestSeed.of(getClass().getSimpleName() + ".killNine(microBatch=" + microBatch + ")");
        Random random = new Random(seed);
        Path checkpoint = dir.resolve("checkpoint");
        long committedAtKill = 0;
        for (int k = 0; k < KILLS; k++) {
            try (ChildJvm child = startChild(checkpoint, microBatch, "child-" + k)) {
                long before = Commits.lastEpoch(checkpoint);
                child.await("run " + k + " commits an epoch (seed " + seed + ")", DEADLINE, () -> {
                    child.assertAlive();
                    return Commits.lastEpoch(checkpoint) > before;
                });
                Thread.sleep(random.nextInt(300));
                child.kill();
            }
            committedAtKill = committedRows(checkpoint);
        }
        long resumedAt = committedAtKill;
        long target = committedAtKill + 300;
        try (ChildJvm last = startChild(checkpoint, microBatch, "child-last")) {
            last.await("the rows up to " + target + " in the output (seed " + seed + ")", DEADLINE, () -> {
                last.assertAlive();
                try {
                    return new HashSet<>(readBack(dir)).containsAll(keys(outputSurvivesTheProcess() ? 0 : resumedAt, target));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
        List<Long> delivered = readBack(dir);
        if (outputSurvivesTheProcess()) {
            assertThat(committedAtKill).as("rows committed before the last kill").isPositive();
            assertDelivered(delivered, keys(0, target), delivery(microBatch), "after " + KILLS + " kills (seed " + seed + ")");
        } else {
            assertThat(new TreeSet<>(delivered).first()).as("the restarted process's first row: the committed offset (seed %d)", seed)
                    .isEqualTo(resumedAt);
            assertDelivered(delivered.stream().filter(k -> k < target).toList(), keys(resumedAt, target), Delivery.EXACTLY_ONCE,
                    "in the restarted process (seed " + seed + ")");
        }
        System.out.println(getClass().getSimpleName() + " (seed " + seed + "): " + committedAtKill
                + " rows committed at the last of " + KILLS + " kills");
    }

    @Test
    void badOptionsAreRefusedNamingTheOptionAndWhatIsAccepted() throws Exception {
        List<BadOption> bad = new ArrayList<>(badOptions(dir));
        assertThat(bad).as("the connector's test names at least one bad option").isNotEmpty();
        if (format() != null) {
            Map<String, String> unknown = new HashMap<>(options(dir));
            unknown.put("noSuchOption", "1");
            bad.add(new BadOption("noSuchOption", "accepted options", () -> Connectors.sink(format(),
                    new Options("sink '" + format() + "'", unknown), new SinkContext(QUERY, name -> null))));
        }
        for (BadOption option : bad) {
            assertThatThrownBy(option.attempt()::run).as("option %s", option.option())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(option.option()).hasMessageContaining(option.accepted());
        }
    }

    // ---- the child JVM's query ----

    /** The crash test's query: {@code rate} (one partition) as decimal strings into the sink. */
    final StreamingQuery startRateQuery(StreamEngine engine, Path dir, Path checkpoint, boolean microBatch) throws Exception {
        return engine.readStream().format("rate").option("rowsPerSecond", 2000).<RateRow>load()
                .map(row -> Long.toString(row.value()))
                .writeStream().sink(sink(dir)).queryName(QUERY).option("checkpointLocation", checkpoint.toString())
                .trigger(microBatch ? Trigger.processingTime(100) : Trigger.continuous(100)).start();
    }

    private ChildJvm startChild(Path checkpoint, boolean microBatch, String name) throws Exception {
        ChildJvm child = ChildJvm.start(ContractChild.class, dir.resolve(name + ".log"), "sink", getClass().getName(),
                dir.toString(), checkpoint.toString(), Boolean.toString(microBatch));
        child.awaitOutput(ContractChild.RUNNING, DEADLINE);
        return child;
    }

    /** How many rate rows the last commit covers (the rate partition's offset is its row count). */
    private static long committedRows(Path checkpoint) {
        return Commits.last(checkpoint).map(c -> c.sourceOffsets().entrySet().stream()
                .filter(e -> e.getKey().endsWith("rate/0")).map(e -> Long.parseLong(e.getValue())).findFirst().orElseThrow())
                .orElse(0L);
    }

    // ---- helpers ----

    private StreamingQuery startMemoryQuery(StreamEngine engine, Recording sink, Path checkpoint, boolean microBatch,
                                            long from, long to) throws Exception {
        sink.source.addData(rows(from, to));
        StreamingQuery query = engine.readStream(sink.source).writeStream().sink(sink).queryName(QUERY)
                .option("checkpointLocation", checkpoint.toString())
                .trigger(microBatch ? Trigger.processingTime(50) : Trigger.continuous(50)).start();
        query.processAllAvailable();
        return query;
    }

    private static SinkSetup setup(boolean microBatch, long firstEpoch, Path checkpoint) {
        return new SinkSetup(QUERY, OutputMode.APPEND, 0, 1, firstEpoch, checkpoint, microBatch);
    }

    private static void finish(EpochOutput output, boolean commit) throws Exception {
        output.persist();
        if (commit) {
            output.commit();
        }
    }

    private static List<String> rows(long from, long to) {
        List<String> rows = new ArrayList<>();
        for (long k = from; k < to; k++) {
            rows.add(Long.toString(k));
        }
        return rows;
    }

    private static Set<Long> keys(long from, long to) {
        Set<Long> keys = new TreeSet<>();
        for (long k = from; k < to; k++) {
            keys.add(k);
        }
        return keys;
    }

    private static void assertDelivered(List<Long> delivered, Set<Long> expected, Delivery delivery, String when) {
        assertThat(new TreeSet<>(delivered)).as("rows in the output %s", when).containsAll(expected);
        if (delivery == Delivery.EXACTLY_ONCE) {
            List<Long> twice = new ArrayList<>(delivered);
            new HashSet<>(delivered).forEach(twice::remove);
            assertThat(twice).as("rows in the output twice %s (an exactly-once sink)", when).isEmpty();
        }
    }

    /** A {@code recover()} call. */
    private record Recovered(long lastCommittedEpoch, Map<Integer, String> handles) {
    }

    /** The sink under test behind a recorder of what the engine asks of it, for one query run. */
    private static final class Recording implements StreamSink<String> {
        final MemoryStream<String> source = new MemoryStream<>("contract");
        final StreamSink<String> sink;
        final List<Recovered> recovered = new CopyOnWriteArrayList<>();
        final List<Long> firstEpochs = new CopyOnWriteArrayList<>();
        final Map<Integer, List<Long>> prepared = new java.util.concurrent.ConcurrentHashMap<>();
        final List<Long> persisted = new CopyOnWriteArrayList<>();
        final Map<Long, Map<Integer, String>> persistedHandles = new java.util.concurrent.ConcurrentHashMap<>();
        final List<Long> committed = new CopyOnWriteArrayList<>();

        Recording(StreamSink<String> sink) {
            this.sink = sink;
        }

        @Override
        public String format() {
            return sink.format();
        }

        @Override
        public String description() {
            return sink.description();
        }

        @Override
        public boolean runsOnOwnThread() {
            return sink.runsOnOwnThread();
        }

        @Override
        public boolean supportsPartitions() {
            return sink.supportsPartitions();
        }

        @Override
        public boolean requiresCheckpointLocation() {
            return sink.requiresCheckpointLocation();
        }

        @Override
        public void recover(long lastCommittedEpoch, Map<Integer, String> committedHandles) throws Exception {
            recovered.add(new Recovered(lastCommittedEpoch, Map.copyOf(committedHandles)));
            sink.recover(lastCommittedEpoch, committedHandles);
        }

        @Override
        public SinkWriter<String> open(SinkSetup setup) {
            firstEpochs.add(setup.firstEpoch());
            SinkWriter<String> writer = sink.open(setup);
            List<Long> epochs = prepared.computeIfAbsent(setup.partitionId(), p -> new CopyOnWriteArrayList<>());
            return new SinkWriter<>() {
                @Override
                public void write(String value, RecordMeta meta) {
                    writer.write(value, meta);
                }

                @Override
                public EpochOutput prepare(long epoch) {
                    epochs.add(epoch);
                    EpochOutput output = writer.prepare(epoch);
                    return new EpochOutput() {
                        @Override
                        public String persist() throws Exception {
                            String handle = output.persist();
                            persisted.add(epoch);
                            if (handle != null) {
                                persistedHandles.computeIfAbsent(epoch, e -> new java.util.concurrent.ConcurrentHashMap<>())
                                        .put(setup.partitionId(), handle);
                            }
                            return handle;
                        }

                        @Override
                        public void commit() throws Exception {
                            assertThat(persisted).as("epoch %d persisted before its commit", epoch).contains(epoch);
                            output.commit();
                            committed.add(epoch);
                        }
                    };
                }

                @Override
                public void close(Throwable error) {
                    writer.close(error);
                }
            };
        }

        /** Writers started at {@code firstEpoch} and prepared increasing epochs from it; commits followed them in order. */
        void assertEpochsInOrder(long firstEpoch) {
            assertThat(firstEpochs).as("SinkSetup.firstEpoch of each writer").isNotEmpty().allMatch(e -> e == firstEpoch);
            prepared.forEach((partition, epochs) -> {
                assertThat(epochs).as("epochs prepared by sink partition %d", partition).isNotEmpty().isSorted()
                        .doesNotHaveDuplicates().allMatch(e -> e >= firstEpoch);
            });
            assertThat(committed).as("epochs committed").isSorted().doesNotHaveDuplicates();
            Set<Long> preparedEpochs = new HashSet<>();
            prepared.values().forEach(preparedEpochs::addAll);
            assertThat(preparedEpochs).as("epochs prepared").containsAll(committed);
        }
    }
}
