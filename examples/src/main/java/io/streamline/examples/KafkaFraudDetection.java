package io.streamline.examples;

import io.streamline.engine.DataStream;
import io.streamline.engine.KeyValue;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.kafka.KafkaRecord;
import io.streamline.operators.ml.ModelRef;
import io.streamline.tuning.CommandLineOptions;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Fraud detection from one Kafka topic to another: card transactions ({@link CardTransaction#csv()} lines, as
 * {@code KafkaProduce --kind transactions} writes them) are scored one by one by the model of {@link FraudDetection}
 * (trained offline in Python, ONNX, or its logistic twin), and those scored above the threshold are written to the
 * alerts topic: key the transaction id, value the alert as JSON
 * ({@code {"txn":{"id":...,"amount":...,...},"probability":0.97}}).
 *
 * <pre>
 * examples/kafka/broker.sh start
 * examples/run.sh KafkaProduce --kind transactions --topic transactions --rate 1000 &amp;
 * examples/run.sh KafkaFraudDetection --in transactions --out alerts [--mode continuous|micro-batch]
 *                                     [--model onnx|logistic] [--threshold-pct 90] [--seconds 60] [--checkpoint DIR]
 *                                     [--bootstrap 127.0.0.1:9092]
 * </pre>
 * Continuous mode (100 ms epochs) sends each alert as soon as its transaction is scored, each epoch's alerts in one
 * Kafka transaction; micro-batch mode (a batch every second) writes each batch's alerts in one transaction; both
 * exactly once for {@code read_committed} readers. Lines that are not transactions are skipped and counted. With {@code --checkpoint}
 * a restart goes on after the last transaction it committed.
 */
public final class KafkaFraudDetection {
    private KafkaFraudDetection() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions a = CommandLineOptions.parseOrExit(args,
                "usage: examples/run.sh KafkaFraudDetection [--in transactions] [--out alerts] [--mode continuous|micro-batch]"
                        + " [--model onnx|logistic] [--threshold-pct 90] [--seconds 60] [--checkpoint DIR] [--bootstrap 127.0.0.1:9092]",
                "in", "out", "mode", "model", "threshold-pct", "seconds", "checkpoint", "bootstrap");
        Examples.announce(KafkaFraudDetection.class);
        String bootstrap = a.string("bootstrap").orElse("127.0.0.1:9092");
        String in = a.string("in").orElse("transactions");
        String out = a.string("out").orElse("alerts");
        KafkaMode mode = KafkaMode.of(a, "KafkaFraudDetection");
        double threshold = a.longValue("threshold-pct", 90) / 100.0;
        KafkaProduce.createTopic(bootstrap, out, 1);
        AtomicLong scored = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong alerts = new AtomicLong();
        try (FraudModel model = FraudModel.load(a.string("model").orElse("onnx"));
             WorkDir checkpoint = WorkDir.of(a.string("checkpoint"), "kafka-fraud-detection-")) {
            System.out.println("Scoring the transactions of " + in + " with " + model + ", alerts above " + threshold + " to " + out);
            StreamEngine engine = StreamEngine.create();
            DataStream<CardTransaction> transactions = engine.readStream().format("kafka").option("kafka.bootstrap.servers", bootstrap)
                    .option("subscribe", in).option("startingOffsets", "earliest").<KafkaRecord>load()
                    .flatMap((KafkaRecord r, Consumer<CardTransaction> parsed) -> {
                        try {
                            parsed.accept(CardTransaction.parseCsv(r.valueString()));
                            scored.incrementAndGet();
                        } catch (IllegalArgumentException notATransaction) {
                            skipped.incrementAndGet();
                        }
                    });
            StreamingQuery query = FraudDetection.alerts(transactions, new ModelRef<>(model.model()), threshold)
                    .map(alert -> {
                        alerts.incrementAndGet();
                        return new KeyValue<>(alert.txn().id(), alert);
                    })
                    .writeStream().format("kafka").option("kafka.bootstrap.servers", bootstrap).option("topic", out)
                    .queryName("kafkaFraudDetection").option("checkpointLocation", checkpoint.path().toString())
                    .trigger(mode.trigger()).start();
            mode.run(query, a.longValue("seconds", 60), "transactions");
            System.out.println("KafkaFraudDetection: " + alerts.get() + " alerts written to " + out + " (" + mode + ") from "
                    + scored.get() + " transactions; " + skipped.get() + " lines skipped as not transactions; last committed "
                    + KafkaMode.lastCommitted(query));
        }
    }
}
