package io.streamline.bench.kafka;

import io.streamline.bench.IdleModeNames;
import io.streamline.bench.ResultFiles;
import io.streamline.engine.config.IdleMode;
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
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Kafka to Kafka end-to-end latency on a running broker ({@code examples/kafka/broker.sh start}): a producer writes
 * records stamped with their intended send time at a fixed rate to an input topic, the pipeline under test reads,
 * maps (and counts by key) and writes to an output topic, and a consumer records, in an HdrHistogram, the time from
 * intended send to receipt ({@link OutputRecords}). Workloads:
 * <ul>
 *   <li>{@code kafka-floor}: a bare Java loop, {@code poll(Duration.ZERO)} inline and {@code send} per record, on
 *       one thread (the floor);</li>
 *   <li>{@code kafka-floor-handoff}: the same loop with the poll on a fetch thread that hands each poll's records
 *       to the sending thread through a queue, as the engine's Kafka source does;</li>
 *   <li>{@code kafka-passthrough}: this engine, Kafka source -> map -> Kafka sink;</li>
 *   <li>{@code kafka-keyed-count}: this engine, Kafka source -> map -> count by key -> Kafka sink.</li>
 * </ul>
 * The engine's workloads run in each {@code --modes} mode. With {@code --external COMMAND} the pipeline is another
 * engine's, in a process of its own ({@link ExternalPipeline}), on the same producer, consumer and broker. Before the
 * schedule starts, probe records are sent until one comes out, so the warm-up measures a running pipeline rather than
 * its start-up. A pipeline that fails, or delivers nothing within {@code --ready-timeout} seconds, ends the bench with
 * its error.
 */
public final class KafkaBench {
    /** Distinct record keys. */
    static final int KEYS = 1000;
    /** Runs in this JVM, in every invocation: each run's topics are new. */
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final List<String> WORKLOADS = List.of("kafka-floor", "kafka-floor-handoff", "kafka-passthrough",
            "kafka-keyed-count");
    private static final String USAGE = "usage: bench/run.sh --kafka [--bootstrap 127.0.0.1:9092] [--workloads "
            + String.join(",", WORKLOADS) + "] [--modes continuous,micro-batch] [--rates 10000,100000]"
            + " [--seconds 20] [--warmup 5] [--epoch-ms 100] [--idle backoff] [--partitions 4] [--ready-timeout 180]"
            + " [--external COMMAND --label TEXT] [--json FILE]\n"
            + "  --modes     continuous (exactly once: an epoch's records in one transaction), continuous-at-least-once"
            + " (the sink's deliveryGuarantee=at-least-once), micro-batch\n"
            + "  --idle      this engine's idle strategy (StreamEngine.Builder.idleMode): busy-spin, backoff, yield-backoff,"
            + " yield, sleep\n"
            + "  --external  another engine's pipeline: COMMAND --workload W --bootstrap B --in TOPIC --out TOPIC runs it"
            + " until SIGTERM (bench/peers/run-peers.sh --workload kafka-keyed-count builds these)\n"
            + "  --json      the result and, beside it, its .hgrm percentile file and an external pipeline's output"
            + " (FILE-stem.pipeline.log); one workload, mode and rate only";

    private KafkaBench() {
    }

    /** One measured run. */
    record Result(String workload, String mode, long rate, long sent, long received, Histogram latency, double load) {
    }

    /** What runs and how it is measured, from the command line. */
    private record Settings(String bootstrap, long epochMs, IdleMode idle, int partitions, Duration warmup, Duration measured,
                            Duration readyTimeout, Optional<String> external, String label) {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions a = CommandLineOptions.parseOrExit(args, USAGE, "bootstrap", "workloads", "modes", "rates",
                "seconds", "warmup", "epoch-ms", "idle", "partitions", "ready-timeout", "external", "label", "json");
        List<String> workloads = list(a.string("workloads").orElse("kafka-floor,kafka-floor-handoff,kafka-passthrough,kafka-keyed-count"));
        for (String w : workloads) {
            if (!WORKLOADS.contains(w)) {
                throw new IllegalArgumentException("--workloads: unknown workload " + w + "; accepted: " + String.join(", ", WORKLOADS));
            }
        }
        Optional<String> external = a.string("external");
        List<String> modes = external.isPresent() ? List.of("external") : list(a.string("modes").orElse("continuous,micro-batch"));
        List<Long> rates = list(a.string("rates").orElse("10000,100000")).stream().map(Long::parseLong).toList();
        Settings settings = new Settings(a.string("bootstrap").orElse("127.0.0.1:9092"), a.longValue("epoch-ms", 100),
                IdleModeNames.parse(a.string("idle").orElse("backoff")), (int) a.longValue("partitions", 4), Duration.ofSeconds(a.longValue("warmup", 5)),
                Duration.ofSeconds(a.longValue("seconds", 20)), Duration.ofSeconds(a.longValue("ready-timeout", 180)),
                external, a.string("label").orElse(external.orElse("")));
        Optional<Path> json = a.string("json").map(Path::of);
        // A floor runs once per rate whatever --modes says (its mode is "loop").
        long runs = rates.size() * workloads.stream().mapToLong(w -> w.startsWith("kafka-floor") ? 1 : modes.size()).sum();
        if (json.isPresent() && runs != 1) {
            throw new IllegalArgumentException("--json writes one run's result: give one workload, one mode and one rate");
        }

        List<Result> results = new ArrayList<>();
        try (CommandProgress progress = CommandProgress.onStandardOutput()) {
            for (long rate : rates) {
                for (String workload : workloads) {
                    for (String mode : workload.startsWith("kafka-floor") ? List.of("loop") : modes) {
                        String name = workload + " " + (external.isPresent() ? settings.label() : mode) + " " + rate + " rec/s";
                        String topics = ProcessHandle.current().pid() + "-" + RUNS.getAndIncrement();
                        results.add(measure(name, workload, mode, rate, "bench-in-" + topics, "bench-out-" + topics, settings,
                                json.map(j -> j.resolveSibling(stem(j) + ".pipeline.log")), progress));
                        progress.line(row(results.get(results.size() - 1)));
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| workload | mode | rate | p50 ms | p99 ms | p99.9 ms | max ms | received/sent | load (1 min) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        results.forEach(r -> System.out.println(row(r)));
        if (json.isPresent()) {
            write(json.get(), results.get(0), settings);
        }
    }

    private static Result measure(String name, String workload, String mode, long rate, String in, String out, Settings s,
                                  Optional<Path> log, CommandProgress progress) throws Exception {
        createTopics(s.bootstrap(), s.partitions(), in, out);
        Path checkpoint = Files.createTempDirectory("kafka-bench-");
        KeyedCounts counts = new KeyedCounts(KEYS);
        OutputRecords output = workload.equals("kafka-keyed-count") ? counts : OutputRecords.stamped();
        try (LatencyConsumer consumer = new LatencyConsumer(s.bootstrap(), out, output);
             StampedProducer producer = new StampedProducer(s.bootstrap(), in, KEYS);
             Pipeline pipeline = start(workload, mode, in, out, s, checkpoint, log)) {
            awaitDelivery(name, producer, consumer, pipeline, s.readyTimeout(), progress);
            Schedule schedule = producer.start(rate);
            counts.use(schedule);
            long start = schedule.startNanos();
            long warmEnd = start + s.warmup().toNanos();
            long end = warmEnd + s.measured().toNanos();
            Duration total = s.warmup().plus(s.measured());
            boolean recording = false;
            while (System.nanoTime() < end) {
                long now = System.nanoTime();
                if (!recording && now >= warmEnd) {
                    consumer.startRecordingFrom(warmEnd);
                    recording = true;
                }
                producer.sendDue(now);
                // Yield, not spin, until the next record is due: on 2 cores a spinning generator holds one of them,
                // and the broker, the clients' I/O threads and the pipeline under test queue for the other (the bare
                // floor loop measured 20 ms p50 at 10k rec/s that way). A yield returns at once when nothing else
                // wants the core, so the schedule stays as exact; a late send still counts from its intended time.
                Thread.yield();
                if (producer.statusDue(now)) {
                    pipeline.check();
                    consumer.check();
                    progress.status(new Status(name + (recording ? "" : " (warm-up)"), Duration.ofNanos(now - start), total,
                            consumer.ratePerSecond(), consumer.intervalP99Us()));
                }
            }
            long sent = producer.sentAfter(warmEnd);
            // What was sent arrives, or 10 s pass (a pipeline that cannot keep up shows it in received/sent).
            long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (consumer.recorded() < sent && System.nanoTime() < drainEnd) {
                pipeline.check();
                consumer.check();
                Thread.sleep(50);
            }
            return new Result(workload, s.external().isPresent() ? s.label() : mode, rate, sent, consumer.recorded(), consumer.histogram(), load());
        } finally {
            delete(checkpoint);
        }
    }

    /** Sends a probe every 100 ms until something comes out of the pipeline, which then runs: its start-up is over. */
    private static void awaitDelivery(String name, StampedProducer producer, LatencyConsumer consumer, Pipeline pipeline,
                                      Duration timeout, CommandProgress progress) throws InterruptedException {
        long start = System.nanoTime();
        while (!consumer.delivering()) {
            pipeline.check();
            consumer.check();
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (waited.compareTo(timeout) > 0) {
                throw new IllegalStateException(name + ": the pipeline delivered no record within " + timeout.toSeconds()
                        + " s of its start (--ready-timeout)");
            }
            producer.probe();
            progress.status(new Status(name + " (starting)", waited, timeout, 0, Double.NaN));
            Thread.sleep(100);
        }
    }

    /** Starts the pipeline under test; closing it stops it. */
    private static Pipeline start(String workload, String mode, String in, String out, Settings s, Path checkpoint,
                                  Optional<Path> log) throws IOException {
        String bootstrap = s.bootstrap();
        return switch (workload) {
            case "kafka-floor" -> FloorLoop.inline(bootstrap, in, out);
            case "kafka-floor-handoff" -> FloorLoop.handoff(bootstrap, in, out);
            default -> s.external().isPresent()
                    ? ExternalPipeline.start(s.external().get() + " --workload " + workload, bootstrap, in, out,
                            log.orElse(checkpoint.getParent().resolve(checkpoint.getFileName() + ".log")))
                    : EnginePipeline.start(workload, mode, bootstrap, in, out, s.epochMs(), s.idle(), checkpoint);
        };
    }

    private static void write(Path json, Result r, Settings s) throws IOException {
        Path hgrm = json.resolveSibling(stem(json) + ".hgrm");
        ResultFiles.writeHgrm(hgrm, r.latency());
        boolean floor = r.mode().equals("loop");
        String engine = s.external().isPresent() && !floor ? s.label() : floor ? "Java loop" : "streamline";
        String mode = s.external().isPresent() && !floor ? "external" : r.mode();
        // The idle strategy is named only when it is not the default, so that default runs keep their labels.
        String config = r.workload() + (floor || s.external().isPresent() ? "" : ", " + mode + ", " + s.epochMs() + " ms epochs"
                + (s.idle() == IdleMode.BACKOFF ? "" : ", idle " + IdleModeNames.label(s.idle())));
        ResultFiles.writeJsonValue(json, KafkaResult.of(engine, config, mode, r.workload(), r.rate(), s.warmup().toSeconds(),
                s.measured().toSeconds(), r.sent(), r.latency(), r.load(), hgrm.getFileName().toString()));
        System.out.println("wrote " + json + ", " + hgrm);
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

    private static String stem(Path json) {
        String name = json.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
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
