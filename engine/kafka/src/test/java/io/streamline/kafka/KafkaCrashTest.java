package io.streamline.kafka;

import io.streamline.engine.ChildJvm;
import io.streamline.engine.TestSeed;
import io.streamline.journal.CommitLog;
import io.streamline.journal.CommitRecord;
import io.streamline.journal.JournalSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka to Kafka through kill -9: a child JVM runs the pipeline ({@link KafkaCrashPipeline}) against the broker of
 * this JVM while records are produced, is killed at random moments and restarted on its checkpoint; a last run
 * catches up and the output topic is checked: exactly once for a {@code read_committed} reader in both modes. Some
 * runs halt themselves between the Kafka commit and the commit record instead of being killed.
 * {@code streamline.kafka.crash.kills} kills per test (default 3; the proof is 10 or more), seed from
 * {@link TestSeed}.
 */
class KafkaCrashTest {
    private static final int KILLS = Integer.getInteger("streamline.kafka.crash.kills", 3);
    private static final int KEYS = 20;
    private static final int PARTITIONS = 4;
    private static EmbeddedKafka kafka;
    /** The run after the kills, which must catch up. */
    private ChildJvm last;
    /** Runs the fault hook ended between the Kafka commit and the commit record, with Kafka ahead of the commit log. */
    private int halts;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    /** Writes {@code k<i % KEYS>} / {@code v<i>} records over the input's partitions, about 1000 a second, until stopped. */
    private static final class Producer implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong sent = new AtomicLong();
        private final Thread thread;

        Producer(String topic) {
            thread = new Thread(() -> {
                try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                    long i = 0;
                    while (!stop.get()) {
                        for (int b = 0; b < 20; b++, i++) {
                            producer.send(new ProducerRecord<>(topic, (int) (i % PARTITIONS), bytes("k" + i % KEYS), bytes("v" + i)));
                        }
                        producer.flush();
                        sent.set(i);
                        Thread.sleep(20);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "crash-test-producer");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Runs the pipeline (with {@code halting}, its committed output is followed, so every run commits before it
     * is killed) through {@link #KILLS} kills (and, with {@code halting}, until one run halted in the fault
     * hook; runs alternate between the two) while the producer writes; returns how many records were produced.
     */
    private long runThroughKills(String pipeline, String in, String out, boolean halting, Random random) throws Exception {
        Path checkpoint = dir.resolve("checkpoint");
        long produced;
        int kills = 0;
        try (Producer producer = new Producer(in); TopicTail output = new TopicTail(kafka, out, halting)) {
            for (int run = 0; kills < KILLS || halting && halts == 0; run++) {
                assertThat(run).as("runs before the fault hook halted one").isLessThan(KILLS + 20);
                List<String> faults = halting && run % 2 == 1 ? List.of("-Dstreamline.test.haltBeforeCommit=0.5") : List.of();
                ChildJvm child = ChildJvm.start(KafkaCrashPipeline.class, dir.resolve("child-" + run + ".log"), faults,
                        kafka.bootstrapServers(), in, out, checkpoint.toString(), pipeline);
                // A halting run may halt at a replayed epoch's commit before it prints that it started.
                child.await("run " + run + " starts (or halts)", Duration.ofSeconds(60),
                        () -> !child.isAlive() || child.output().contains("started"));
                // Kill at a random point after the run's first output (the restart is then complete).
                long before = output.refresh().size();
                child.await("the first output of run " + run, Duration.ofSeconds(90),
                        () -> !child.isAlive() || output.refresh().size() > before);
                long target = output.refresh().size() + 100 + random.nextInt(2000);
                child.await("output grows to " + target + " or the child halts", Duration.ofSeconds(90),
                        () -> !child.isAlive() || output.refresh().size() >= target);
                System.out.println(pipeline + " run " + run + " ends at " + output.refresh().size() + " output records"
                        + (child.isAlive() ? " with kill -9" : " by the fault hook"));
                if (child.isAlive()) {
                    child.kill();
                    kills++;
                } else {
                    assertThat(child.exitValue()).as("only the fault hook ends a child by itself; log:%n%s", child.tail()).isEqualTo(137);
                    if (kafkaCommittedAhead(checkpoint)) {
                        halts++; // the window: Kafka holds an epoch's transaction that the commit log does not name
                    }
                }
            }
            producer.close();
            produced = producer.sent.get();
        }
        // The last run catches up with everything produced and is checked by the caller, then stopped.
        last = ChildJvm.start(KafkaCrashPipeline.class, dir.resolve("child-last.log"), List.of(), kafka.bootstrapServers(), in, out,
                checkpoint.toString(), pipeline);
        return produced;
    }

    /**
     * Continuous mode, exactly once: kills leave an epoch's transaction open (aborted by the restart, then replayed),
     * and halts land between an epoch's Kafka commit and its commit record (the replay must not write it again). A
     * {@code read_committed} reader must see every key's counts 1, 2, ..., n, each once and in order.
     */
    @Test
    void shouldWriteEveryCountExactlyOnceInContinuousModeThroughKillsAndHaltsAfterTheKafkaCommit() throws Exception {
        String in = "count-in";
        String out = "count-out";
        kafka.createTopic(in, PARTITIONS);
        kafka.createTopic(out, 1);
        long produced = runThroughKills("keyed-count", in, out, true, TestSeed.random("KafkaCrashTest.continuous"));
        Map<String, Long> expected = new HashMap<>();
        for (long i = 0; i < produced; i++) {
            expected.merge("k" + i % KEYS, 1L, Long::sum);
        }
        long aborted;
        try (ChildJvm child = last; TopicTail output = new TopicTail(kafka, out, true)) {
            child.await("every key's final count in the committed output", Duration.ofSeconds(120), () -> {
                child.assertAlive();
                return maxCounts(output.refresh()).equals(expected);
            });
            // Caught up and idle (no open transaction): what read_uncommitted sees beyond the committed records was
            // written by transactions a kill left open and the restart aborted.
            aborted = kafka.readAll(out, false).size() - (long) kafka.readAll(out, true).size();
        }
        Map<String, List<Long>> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(out, true)) {
            counts.computeIfAbsent(text(r.key()), k -> new ArrayList<>()).add(Long.parseLong(text(r.value())));
        }
        // A count missing from a key's committed counts is an input record lost, one there twice a record duplicated.
        long lost = 0;
        long duplicated = 0;
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            List<Long> committed = counts.getOrDefault(e.getKey(), List.of());
            long distinct = committed.stream().distinct().count();
            lost += e.getValue() - committed.stream().distinct().filter(c -> c >= 1 && c <= e.getValue()).count();
            duplicated += committed.size() - distinct;
        }
        System.out.println("continuous exactly-once crash test: " + produced + " records, " + KILLS + " kills, " + halts
                + " halts after the Kafka commit, " + aborted + " records aborted; " + lost + " lost, " + duplicated
                + " duplicated");
        expected.forEach((key, n) -> assertThat(counts.get(key)).as("committed counts of %s, in order", key)
                .isEqualTo(LongStream.rangeClosed(1, n).boxed().toList()));
        assertThat(halts).as("runs halted between an epoch's Kafka commit and its commit record").isPositive();
        assertThat(aborted).as("records of transactions a kill left open, aborted on restart").isPositive();
    }

    @Test
    void shouldWriteEveryRecordExactlyOnceInMicroBatchModeThroughKillsAndHaltsAfterTheKafkaCommit() throws Exception {
        String in = "map-in";
        String out = "map-out";
        kafka.createTopic(in, PARTITIONS);
        kafka.createTopic(out, 1);
        // Some runs halt after the batch's transactions committed and before its commit record: the re-run batch
        // must not be written again.
        long produced = runThroughKills("map", in, out, true, TestSeed.random("KafkaCrashTest.microBatch"));
        try (ChildJvm child = last; TopicTail output = new TopicTail(kafka, out, true)) {
            child.await("every record in the committed output", Duration.ofSeconds(120), () -> {
                child.assertAlive();
                return output.refresh().size() >= produced;
            });
        }
        List<String> values = kafka.readValues(out, true);
        Map<String, Integer> copies = new HashMap<>();
        values.forEach(v -> copies.merge(v, 1, Integer::sum));
        for (long i = 0; i < produced; i++) {
            assertThat(copies.get("V" + i)).as("committed copies of V%d", i).isEqualTo(1);
        }
        assertThat(values).hasSize((int) produced);
        assertThat(halts).as("runs halted between the Kafka commit and the commit record").isPositive();
        System.out.println("micro-batch crash test: " + produced + " records, " + KILLS + " kills, " + halts + " halts after the Kafka commit");
    }

    /**
     * Whether some sink partition's transactions committed an epoch (or batch) later than the engine's last commit
     * record, read as the sink reads it back: the offsets of the groups named like its transactional ids.
     */
    private static boolean kafkaCommittedAhead(Path checkpoint) throws Exception {
        String id = "streamline-" + KafkaSink.queryId(checkpoint);
        long inKafka = -1;
        for (int p = 0; p < PARTITIONS; p++) {
            for (String group : List.of(id + "-" + p, id + "-" + p + "-c0", id + "-" + p + "-c1")) {
                for (OffsetAndMetadata o : kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values()) {
                    inKafka = Math.max(inKafka, o.offset() - 1);
                }
            }
        }
        try (CommitLog commits = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            return inKafka > commits.last().map(CommitRecord::epoch).orElse(-1L);
        }
    }

    private static Map<String, Long> maxCounts(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Long> max = new HashMap<>();
        records.forEach(r -> max.merge(text(r.key()), Long.parseLong(text(r.value())), Math::max));
        return max;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
