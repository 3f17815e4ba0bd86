package io.streamline.examples;

import io.streamline.engine.OutputMode;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.kafka.KafkaRecord;
import io.streamline.tuning.CommandLineOptions;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Word count from one Kafka topic to another, in either mode: Spark's Kafka word count.
 *
 * <pre>
 * examples/kafka/broker.sh start
 * examples/run.sh KafkaProduce --topic test --rate 100 &amp;
 * examples/run.sh KafkaWordCount --topic test --out wordcounts [--mode continuous|micro-batch] [--seconds 60]
 *                                [--checkpoint DIR] [--bootstrap 127.0.0.1:9092]
 * </pre>
 * Lines are read from {@code --topic}, split into words, counted per word, and each changed count is written to
 * {@code --out} as key = word, value = count. Continuous mode ({@code 100 ms} epochs) sends every change at once, in
 * one Kafka transaction per epoch; micro-batch mode (a batch every second) writes each batch's changed counts in one
 * transaction; both exactly once for {@code read_committed} readers. With {@code --checkpoint} a restart continues the counts.
 */
public final class KafkaWordCount {
    private KafkaWordCount() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions a = CommandLineOptions.parseOrExit(args,
                "usage: examples/run.sh KafkaWordCount [--topic test] [--out wordcounts] [--mode continuous|micro-batch]"
                        + " [--seconds 60] [--checkpoint DIR] [--bootstrap 127.0.0.1:9092]",
                "topic", "out", "mode", "seconds", "checkpoint", "bootstrap");
        Examples.announce(KafkaWordCount.class);
        String bootstrap = a.string("bootstrap").orElse("127.0.0.1:9092");
        String out = a.string("out").orElse("wordcounts");
        KafkaMode mode = KafkaMode.of(a, "KafkaWordCount");
        long seconds = a.longValue("seconds", 60);
        KafkaProduce.createTopic(bootstrap, out, 1);
        try (WorkDir checkpoint = WorkDir.of(a.string("checkpoint"), "kafka-word-count-")) {
            StreamEngine engine = StreamEngine.create();
            StreamingQuery query = engine.readStream().format("kafka").option("kafka.bootstrap.servers", bootstrap)
                    .option("subscribe", a.string("topic").orElse("test")).option("startingOffsets", "earliest").<KafkaRecord>load()
                    .flatMap((KafkaRecord r, Consumer<String> words) -> {
                        for (String word : r.valueString().toLowerCase(Locale.ROOT).split("\\W+")) {
                            if (!word.isEmpty()) {
                                words.accept(word);
                            }
                        }
                    })
                    .groupByKey(word -> word).count()
                    .writeStream().format("kafka").option("kafka.bootstrap.servers", bootstrap).option("topic", out)
                    .outputMode(OutputMode.UPDATE).queryName("kafkaWordCount")
                    .option("checkpointLocation", checkpoint.path().toString())
                    .trigger(mode.trigger()).start();
            mode.run(query, seconds, "lines");
            System.out.println("KafkaWordCount: counts written to " + out + " (" + mode + "); last committed "
                    + KafkaMode.lastCommitted(query));
        }
    }
}
