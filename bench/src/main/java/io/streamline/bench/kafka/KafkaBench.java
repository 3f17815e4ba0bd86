package io.streamline.bench.kafka;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.kafka.Encoder;
import io.streamline.kafka.KafkaRecord;
import io.streamline.kafka.KafkaSink;
import io.streamline.kafka.RecordEncoder;
import io.streamline.tuning.CommandLineOptions;
import io.streamline.tuning.console.CommandProgress;
import io.streamline.tuning.console.Status;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Kafka to Kafka end-to-end latency on a running broker ({@code examples/kafka/broker.sh start}): a producer writes
 * records stamped with their intended send time at a fixed rate to an input topic, the pipeline under test reads,
 * maps and writes to an output topic, and a consumer records, in an HdrHistogram, the time from
 * intended send to receipt. Workloads:
 * <ul>
 *   <li>{@code kafka-floor}: a bare Java loop, {@code poll(Duration.ZERO)} inline and {@code send} per record, on
 *       one thread (the floor);</li>
 *   <li>{@code kafka-floor-handoff}: the same loop with the poll on a fetch thread that hands each poll's records
 *       to the sending thread through a queue, as the engine's Kafka source does;</li>
 *   <li>{@code kafka-passthrough}: this engine, Kafka source -> map -> Kafka sink.</li>
 * </ul>
 * The engine's workloads run in each {@code --modes} mode; micro-batch output is read {@code read_committed}
 * (visible when its transaction commits), the others {@code read_uncommitted}.
 */
public final class KafkaBench {
    /** Distinct record keys. */
    static final int KEYS = 1000;

    private KafkaBench() {
    }

    /** One measured run. */
    record Result(String workload, String mode, long rate, long sent, long received, Histogram latency, double load) {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions a = CommandLineOptions.parseOrExit(args,
                "usage: bench/run.sh --kafka [--bootstrap 127.0.0.1:9092] [--workloads kafka-floor,kafka-floor-handoff,"
                        + "kafka-passthrough] [--modes continuous,micro-batch] [--rates 10000,100000]"
                        + " [--seconds 20] [--warmup 5] [--epoch-ms 100] [--partitions 4]",
                "bootstrap", "workloads", "modes", "rates", "seconds", "warmup", "epoch-ms", "partitions");
        String bootstrap = a.string("bootstrap").orElse("127.0.0.1:9092");
        List<String> workloads = list(a.string("workloads").orElse("kafka-floor,kafka-floor-handoff,kafka-passthrough"));
        List<String> modes = list(a.string("modes").orElse("continuous,micro-batch"));
        List<Long> rates = list(a.string("rates").orElse("10000,100000")).stream().map(Long::parseLong).toList();
        Duration measured = Duration.ofSeconds(a.longValue("seconds", 20));
        Duration warmup = Duration.ofSeconds(a.longValue("warmup", 5));
        long epochMs = a.longValue("epoch-ms", 100);
        int partitions = (int) a.longValue("partitions", 4);

        List<Result> results = new ArrayList<>();
        int run = 0;
        try (CommandProgress progress = CommandProgress.onStandardOutput()) {
            for (long rate : rates) {
                for (String workload : workloads) {
                    for (String mode : workload.startsWith("kafka-floor") ? List.of("loop") : modes) {
                        String name = workload + " " + mode + " " + rate + " rec/s";
                        String in = "bench-in-" + ProcessHandle.current().pid() + "-" + run;
                        String out = "bench-out-" + ProcessHandle.current().pid() + "-" + run++;
                        createTopics(bootstrap, partitions, in, out);
                        results.add(measure(name, workload, mode, rate, bootstrap, in, out, epochMs, warmup, measured, progress));
                        progress.line(row(results.get(results.size() - 1)));
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| workload | mode | rate | p50 ms | p99 ms | p99.9 ms | max ms | received/sent | load (1 min) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        results.forEach(r -> System.out.println(row(r)));
    }

    private static Result measure(String name, String workload, String mode, long rate, String bootstrap, String in, String out,
                                  long epochMs, Duration warmup, Duration measured, CommandProgress progress) throws Exception {
        Path checkpoint = Files.createTempDirectory("kafka-bench-");
        boolean committedOnly = mode.equals("micro-batch");
        try (LatencyConsumer consumer = new LatencyConsumer(bootstrap, out, committedOnly);
             AutoCloseable pipeline = start(workload, mode, bootstrap, in, out, epochMs, checkpoint)) {
            StampedProducer producer = new StampedProducer(bootstrap, in, rate, KEYS);
            long start = System.nanoTime();
            long warmEnd = start + warmup.toNanos();
            long end = warmEnd + measured.toNanos();
            Duration total = warmup.plus(measured);
            boolean recording = false;
            while (System.nanoTime() < end) {
                long now = System.nanoTime();
                if (!recording && now >= warmEnd) {
                    consumer.startRecordingFrom(warmEnd);
                    recording = true;
                }
                producer.sendDue(now);
                if (producer.statusDue(now)) {
                    progress.status(new Status(name + (recording ? "" : " (warm-up)"), Duration.ofNanos(now - start), total,
                            consumer.ratePerSecond(), consumer.intervalP99Us()));
                }
            }
            long sent = producer.sentAfter(warmEnd);
            producer.close();
            // What was sent arrives, or 10 s pass (a pipeline that cannot keep up shows it in received/sent).
            long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (consumer.recorded() < sent && System.nanoTime() < drainEnd) {
                Thread.sleep(50);
            }
            return new Result(workload, mode, rate, sent, consumer.recorded(), consumer.histogram(), load());
        } finally {
            delete(checkpoint);
        }
    }

    /** Starts the pipeline under test; closing it stops it. */
    private static AutoCloseable start(String workload, String mode, String bootstrap, String in, String out, long epochMs,
                                       Path checkpoint) {
        switch (workload) {
            case "kafka-floor":
                return FloorLoop.inline(bootstrap, in, out);
            case "kafka-floor-handoff":
                return FloorLoop.handoff(bootstrap, in, out);
            case "kafka-passthrough":
                break;
            default:
                throw new IllegalArgumentException("unknown workload " + workload + "; accepted: kafka-floor, kafka-floor-handoff,"
                        + " kafka-passthrough");
        }
        if (!mode.equals("continuous") && !mode.equals("micro-batch")) {
            throw new IllegalArgumentException("unknown mode " + mode + "; accepted: continuous, micro-batch");
        }
        StreamEngine engine = StreamEngine.create();
        var source = engine.readStream().format("kafka").option("kafka.bootstrap.servers", bootstrap).option("subscribe", in)
                .option("startingOffsets", "earliest").<KafkaRecord>load();
        Trigger trigger = mode.equals("continuous") ? Trigger.continuous(epochMs) : Trigger.processingTime(epochMs);
        KafkaSink<KafkaRecord> sink = KafkaSink.<KafkaRecord>builder().bootstrapServers(bootstrap).topic(out)
                .option("kafka.linger.ms", "0")
                .encoder(RecordEncoder.of(null, KafkaRecord::key, Encoder.bytes(), KafkaRecord::value, Encoder.bytes())).build();
        StreamingQuery query = source.map(r -> r).writeStream().sink(sink).trigger(trigger)
                .option("checkpointLocation", checkpoint.toString()).start();
        return () -> {
            query.stop();
            engine.close();
        };
    }

    private static void createTopics(String bootstrap, int partitions, String... topics) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList())
                    .all().get(60, TimeUnit.SECONDS);
        }
    }

    private static String row(Result r) {
        Histogram h = r.latency();
        return String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %.1f | %.1f | %.1f | %,d/%,d | %.1f |", r.workload(), r.mode(),
                r.rate(), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6,
                h.getMaxValue() / 1e6, r.received(), r.sent(), r.load());
    }

    private static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
