package io.streamline.examples;

import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.tuning.CommandLineOptions;

/**
 * The {@code --mode} of the Kafka examples and how they run: continuous mode (100 ms epochs) or micro-batch mode (a
 * batch every second), each epoch or batch written in one Kafka transaction: exactly once for {@code read_committed}
 * readers; for {@code --seconds}, a progress line every 5 s with the source's consumer lag,
 * then everything in the input topic by then is processed and committed before the query stops.
 */
enum KafkaMode {
    CONTINUOUS("continuous", "epoch"),
    MICRO_BATCH("micro-batch", "batch");

    private final String option;
    private final String unit;

    KafkaMode(String option, String unit) {
        this.option = option;
        this.unit = unit;
    }

    /** The {@code --mode} given (continuous by default); exits with status 2 naming the accepted values otherwise. */
    static KafkaMode of(CommandLineOptions a, String example) {
        String given = a.string("mode").orElse(CONTINUOUS.option);
        for (KafkaMode mode : values()) {
            if (mode.option.equals(given)) {
                return mode;
            }
        }
        System.err.println(example + ": --mode must be continuous or micro-batch, got " + given);
        System.exit(2);
        throw new IllegalStateException("unreachable");
    }

    Trigger trigger() {
        return this == CONTINUOUS ? Trigger.continuous(100) : Trigger.processingTime(1000);
    }

    @Override
    public String toString() {
        return option;
    }

    /**
     * Runs {@code query} for {@code seconds}, printing its progress ({@code rows} names what it reads), then has it
     * process everything available and stops it.
     */
    void run(StreamingQuery query, long seconds, String rows) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(query::stop, query.name() + "-stop"));
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (query.isActive() && System.currentTimeMillis() < deadline) {
            query.awaitTermination(Math.min(5000, Math.max(1, deadline - System.currentTimeMillis())));
            StreamingQueryProgress p = query.lastProgress();
            if (p != null) {
                System.out.printf("%s %d: %d %s, consumer lag %s (its most behind partition), p99 %.1f ms%n", unit, p.commitId(),
                        p.numInputRows(), rows, p.sources().get(0).metrics().getOrDefault("maxOffsetsBehindLatest", "?"),
                        p.latency().p99Us() / 1000);
            }
        }
        query.processAllAvailable(); // everything in the topic now is read and committed
        query.stop();
    }

    /** The last committed epoch or batch, for the closing line. */
    static String lastCommitted(StreamingQuery query) {
        StreamingQueryProgress p = query.lastProgress();
        return p == null ? "none" : Long.toString(p.commitId());
    }
}
