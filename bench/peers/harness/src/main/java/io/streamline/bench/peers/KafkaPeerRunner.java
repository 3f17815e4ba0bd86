package io.streamline.bench.peers;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Kafka-to-Kafka peer's pipeline until the process is sent SIGTERM, which is how {@code bench/run.sh --kafka
 * --external} ends it after its measurement: the bench's producer, consumer and latency figures are the same for every
 * pipeline, so a peer only moves records between the topics. A pipeline that fails exits the process with 1 (the bench
 * then stops with the end of the process's log); a bad command line exits with 2 and the usage.
 */
public final class KafkaPeerRunner {
    private static final long CHECK_INTERVAL_MS = 200;
    private static volatile boolean stopping;

    /** Starts a peer's pipeline for the given options. */
    @FunctionalInterface
    public interface Starter {
        /** Starts the pipeline; it runs until the returned one is closed. */
        RunningPipeline start(KafkaPeerOptions options) throws Exception;
    }

    /** A peer's pipeline between the two topics, from start until {@link #close()}. */
    public interface RunningPipeline extends AutoCloseable {
        /** Engine, version and configuration in a few words, for the pipeline's log. */
        String description();

        /** Throws what made the pipeline fail, if it did. */
        void check() throws Exception;

        /** A pipeline of these parts. */
        static RunningPipeline of(String description, Action check, Action close) {
            return new RunningPipeline() {
                @Override
                public String description() {
                    return description;
                }

                @Override
                public void check() throws Exception {
                    check.run();
                }

                @Override
                public void close() throws Exception {
                    close.run();
                }
            };
        }
    }

    /** A step that may fail. */
    @FunctionalInterface
    public interface Action {
        /** Runs it. */
        void run() throws Exception;
    }

    private KafkaPeerRunner() {
    }

    /**
     * A peer's {@code main}: parses {@code args}, starts the pipeline, stops it on SIGTERM (a shutdown hook) and exits.
     *
     * @param own the peer's own options, each with its default (null: required)
     */
    public static void main(String usage, Map<String, String> own, Starter starter, String... args) {
        KafkaPeerOptions options = OptionPairs.orExit(usage, () -> KafkaPeerOptions.parse(own, args));
        try {
            RunningPipeline pipeline = starter.start(options);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(pipeline), "stop-pipeline"));
            System.out.printf("== %s: %s, %s -> %s on %s%n", pipeline.description(), options.workload(), options.in(),
                    options.out(), options.bootstrap());
            while (true) {
                TimeUnit.MILLISECONDS.sleep(CHECK_INTERVAL_MS);
                if (!stopping) {
                    pipeline.check();
                }
            }
        } catch (Exception | Error failure) {
            if (stopping) { // the check raced the shutdown hook's close: the end of a run, not a failure
                return;
            }
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private static void stop(RunningPipeline pipeline) {
        stopping = true;
        try {
            pipeline.close();
            System.out.println("== stopped");
        } catch (Exception e) {
            System.err.println("stopping the pipeline failed: " + e);
        }
    }
}
