package io.streamline.examples;

import java.io.PrintStream;
import java.util.List;

/**
 * The examples: what {@code examples/run.sh} with no argument lists, and the line each example prints first
 * to say what it shows. The README's examples table has the same entries.
 */
public final class Examples {
    /**
     * One example.
     *
     * @param main  its main class
     * @param usage its options
     * @param shows what it shows, one line
     */
    record Example(Class<?> main, String usage, String shows) {
        String name() {
            return main.getSimpleName();
        }
    }

    static final List<Example> ALL = List.of(
            new Example(RateLatency.class, "[--rate 100000 --seconds 20 --epoch-ms 100 --keys 1000 --checkpoint DIR]",
                    "the main job: rate -> filter -> keyed count -> memory table, progress with latency percentiles"),
            new Example(PublishData.class, "--port 9998 --rate 20 [--count N] [--seconds 300]",
                    "a TCP server publishing text lines at a fixed rate, for SocketWordCount to read"),
            new Example(SocketWordCount.class, "localhost 9998 [/tmp/wc-checkpoint] [--seconds 300]",
                    "Spark's socket word count, fault tolerant through the write-ahead log (Ctrl-C or kill -9, restart, counts continue)"),
            new Example(NetworkWordCount.class, "localhost 9998 [--seconds 300]",
                    "Spark's JavaNetworkWordCount in the DStream API: 1 s batches over the socket, each batch's word counts printed"),
            new Example(StatefulNetworkWordCount.class, "localhost 9998 /tmp/dstream-checkpoint [--seconds 300]",
                    "DStream running word totals with updateStateByKey, resumed by getOrCreate after Ctrl-C or kill -9"),
            new Example(WindowedNetworkWordCount.class, "localhost 9998 [--seconds 300]",
                    "DStream reduceByKeyAndWindow: the words of the last 10 s every 2 s, recomputed and incrementally "
                            + "with an inverse function, checked to agree"),
            new Example(BlacklistNetworkWordCount.class, "localhost 9998 [--seconds 300]",
                    "DStream transform: each batch's word counts joined with a static blacklist, blacklisted words dropped"),
            new Example(FileToFile.class, "[--dir DIR]",
                    "JSON files in, filtered, CSV files out, read back through the sink's metadata log"),
            new Example(JournalChain.class, "[--seconds 5 --dir DIR]",
                    "two pipelines chained through a journal, the second printing with a foreach writer"),
            new Example(IdempotentForeachBatch.class, "[--dir DIR]",
                    "micro-batch availableNow with maxRecordsPerTrigger and a foreachBatch that honours its idempotency contract"),
            new Example(WindowedWordCount.class, "",
                    "event time: the guide's windowed word count with a watermark in append, update and complete mode, "
                            + "sessions, and an impression/click stream-stream join"),
            new Example(KafkaProduce.class, "--topic test --rate 100 [--file F [--loop true] | --kind transactions] [--count N]"
                    + " [--seconds 300] [--bootstrap 127.0.0.1:9092]",
                    "the course's producer: text lines (or card transactions) to a Kafka topic at a fixed rate (start"
                            + " examples/kafka/broker.sh first)"),
            new Example(KafkaWordCount.class, "[--topic test --out wordcounts --mode continuous|micro-batch --seconds 60 --checkpoint DIR]",
                    "word count from one Kafka topic to another, exactly once for read_committed readers in either mode"),
            new Example(KafkaFraudDetection.class, "[--in transactions --out alerts --mode continuous|micro-batch --model onnx|logistic"
                    + " --threshold-pct 90 --seconds 60 --checkpoint DIR]",
                    "fraud detection from Kafka to Kafka: card transactions read from one topic, scored by the pre-trained model,"
                            + " alerts written to another; the consumer lag in the progress lines"),
            new Example(ExactlyOnceForeach.class, "[--dir DIR --seconds 10 --rate 5000 --input DIR]",
                    "continuous rate -> keyed count -> a ForeachWriter writing row by row, exactly once through kill -9 and "
                            + "restart on the same --dir by deduplicating on record positions"),
            new Example(LambdaKappa.class, "[--history 200000 --live 50000 --users 1000 --seed 42 --dir DIR]",
                    "the same per-key totals built the Lambda way (batch + speed layer, merged) and the Kappa way (one "
                            + "journal, recomputed by replay and switched over), timed, and checked to agree"),
            new Example(FraudDetection.class, "[--rate 100000 --seconds 20 --model onnx|logistic --threshold-pct 90 --update retrain|online --retrain-seconds 5]",
                    "card transactions scored by a model trained offline in Python (ONNX) or its own logistic twin, alerts"
                            + " with their latency profile, the model retrained (or updated online) on labelled batches and swapped in"),
            new Example(StreamingKMeansDrift.class, "[--batches 30 --points 150 --seed 42]",
                    "streaming k-means on clusters that jump, decay 1 against 0.5: learns faster, oscillates more"),
            new Example(ABTest.class, "[--batches 15 --per-batch 100 --lift-pct 5 --seed 7]",
                    "a streaming A/B test: Welch's t-test after every micro-batch past a peace period"));

    private Examples() {
    }

    /** Lists the examples. */
    public static void main(String[] args) {
        print(System.out);
    }

    static void print(PrintStream out) {
        out.println("Run an example with examples/run.sh NAME [options]; each stops by itself:");
        out.println();
        for (Example example : ALL) {
            out.printf("  %-24s %s%n  %-24s %s%n", example.name(), example.shows(), "", "options: " + example.usage());
        }
    }

    /** Prints, as an example's first lines, what it shows. */
    static void announce(Class<?> main) {
        Example example = ALL.stream().filter(e -> e.main() == main).findFirst()
                .orElseThrow(() -> new IllegalStateException(main + " is not listed in Examples.ALL"));
        System.out.println(example.name() + ": " + example.shows());
        System.out.println();
    }
}
