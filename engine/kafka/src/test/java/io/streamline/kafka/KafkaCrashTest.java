package io.streamline.kafka;

import io.streamline.engine.ChildJvm;
import io.streamline.engine.TestSeed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka to Kafka through kill -9: a child JVM runs the pipeline ({@link KafkaCrashPipeline}) against the broker of
 * this JVM while records are produced, is killed at random moments and restarted on its checkpoint; a last run
 * catches up and the output topic is checked. {@code streamline.kafka.crash.kills} kills per test (default 3; the
 * issue's proof is 10 or more), seed from {@link TestSeed}.
 */
class KafkaCrashTest {
    private static final int KILLS = Integer.getInteger("streamline.kafka.crash.kills", 3);
    private static final int KEYS = 20;
    private static final int PARTITIONS = 4;
    private static EmbeddedKafka kafka;
    /** The run after the kills, which must catch up. */
    private ChildJvm last;
    /** Runs the fault hook ended between the Kafka commit and the commit record. */
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
     * Runs the pipeline (micro-batch: its committed output is followed, so every run commits a batch before it
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
                child.awaitOutput("started", Duration.ofSeconds(60));
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
                    halts++;
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

    @Test
    void shouldCountEveryRecordExactlyInContinuousModeThroughKills() throws Exception {
        String in = "count-in";
        String out = "count-out";
        kafka.createTopic(in, PARTITIONS);
        kafka.createTopic(out, 1);
        long produced = runThroughKills("keyed-count", in, out, false, TestSeed.random("KafkaCrashTest.continuous"));
        Map<String, Long> expected = new HashMap<>();
        for (long i = 0; i < produced; i++) {
            expected.merge("k" + i % KEYS, 1L, Long::sum);
        }
        try (ChildJvm child = last; TopicTail output = new TopicTail(kafka, out, false)) {
            child.await("every key's final count in the output", Duration.ofSeconds(120), () -> {
                child.assertAlive();
                return maxCounts(output.refresh()).equals(expected);
            });
        }
        // At-least-once: replayed epochs may repeat a count; none is missing, none is above the true count.
        Map<String, Set<Long>> seen = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(out, false)) {
            seen.computeIfAbsent(text(r.key()), k -> new TreeSet<>()).add(Long.parseLong(text(r.value())));
        }
        expected.forEach((key, n) -> {
            Set<Long> all = new TreeSet<>();
            for (long c = 1; c <= n; c++) {
                all.add(c);
            }
            assertThat(seen.get(key)).as("counts written for %s", key).isEqualTo(all);
        });
        System.out.println("continuous crash test: " + produced + " records, " + KILLS + " kills");
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

    private static Map<String, Long> maxCounts(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Long> max = new HashMap<>();
        records.forEach(r -> max.merge(text(r.key()), Long.parseLong(text(r.value())), Math::max));
        return max;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
