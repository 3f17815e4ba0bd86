package io.streamline.examples;

import io.streamline.engine.DataStream;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.progress.LatencyPercentiles;
import io.streamline.engine.sink.ForeachWriter;
import io.streamline.operators.ml.LabeledPoint;
import io.streamline.operators.ml.LogisticRegressionModel;
import io.streamline.operators.ml.ModelRef;
import io.streamline.operators.ml.Scoring;
import io.streamline.operators.ml.ScoringModel;
import io.streamline.operators.ml.StreamingLogisticRegressionWithSGD;
import io.streamline.tuning.CommandLineOptions;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fraud detection, the motivating example: card transactions (generated, 2% fraud) are scored one by one in a
 * continuous query by a model trained offline in Python (scikit-learn, exported to ONNX; or the same model in
 * streamline's own logistic format), and transactions scored above the threshold go to an alert sink, microseconds
 * after they entered the engine; the latency profile is printed at the end. A second query retrains a logistic
 * model every few seconds on labelled batches (transactions whose outcome is known), starting from the pre-trained
 * model, and the scoring query switches to each new model at its next epoch boundary without stopping.
 *
 * <p>Options: {@code --rate N} transactions per second (default 100000), {@code --seconds S} (default 20),
 * {@code --model onnx|logistic} (default onnx), {@code --threshold-pct P} alert threshold in percent (default 90),
 * {@code --update retrain|online}: retrain from the pre-trained model every R one-second batches on the last 2R of
 * them (default), or update the model online with every batch, continuing from the pre-trained model;
 * {@code --retrain-seconds R} (default 5; 0: no
 * retraining), {@code --dir DIR} for the checkpoints (default: a temporary directory, deleted at the end).
 */
public final class FraudDetection {
    private FraudDetection() {
    }

    /** What the alert sink receives. */
    record Alert(CardTransaction txn, double probability) {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions a = CommandLineOptions.parseOrExit(args,
                "usage: examples/run.sh FraudDetection [--rate N] [--seconds S] [--model onnx|logistic]"
                        + " [--threshold-pct P] [--update retrain|online] [--retrain-seconds R] [--dir DIR]",
                "rate", "seconds", "model", "threshold-pct", "update", "retrain-seconds", "dir");
        Examples.announce(FraudDetection.class);
        long rate = a.longValue("rate", 100_000);
        long seconds = a.longValue("seconds", 20);
        String modelKind = a.string("model").orElse("onnx");
        double threshold = a.longValue("threshold-pct", 90) / 100.0;
        long retrainSeconds = a.longValue("retrain-seconds", 5);
        boolean online = switch (a.string("update").orElse("retrain")) {
            case "retrain" -> false;
            case "online" -> true;
            default -> throw new IllegalArgumentException("--update must be retrain or online, got " + a.string("update").get());
        };

        LogisticRegressionModel pretrained = FraudModel.readLogistic();
        try (FraudModel model = FraudModel.load(modelKind); WorkDir dir = WorkDir.of(a.string("dir"), "fraud-detection")) {
            System.out.println("Scoring with " + model + ", alert above " + threshold);
            run(dir.path(), rate, seconds, threshold, retrainSeconds, online, pretrained, new ModelRef<>(model.model()));
        }
    }

    /** Each transaction scored by the latest model of {@code model}; those above {@code threshold} as alerts. */
    static <M extends ScoringModel> DataStream<Alert> alerts(DataStream<CardTransaction> transactions, ModelRef<M> model,
                                                             double threshold) {
        return transactions.via(Scoring.score(model, CardTransaction::features, Alert::new))
                .filter(alert -> alert.probability() > threshold);
    }

    private static void run(Path dir, long rate, long seconds, double threshold, long retrainSeconds, boolean online,
                            LogisticRegressionModel pretrained, ModelRef<ScoringModel> scoringModel)
            throws Exception {
        StreamEngine engine = StreamEngine.create();
        AlertCounter alerts = new AlertCounter();
        StreamingQuery scoring = alerts(engine.readStream().option("rowsPerSecond", rate).rate()
                .map(row -> CardTransaction.of(row.value())), scoringModel, threshold)
                .writeStream().queryName("alerts").foreach(alerts)
                .option("checkpointLocation", dir.resolve("alerts").toString())
                .trigger(Trigger.continuous(Duration.ofMillis(100))).start();

        StreamingQuery retraining = null;
        AtomicLong retrained = new AtomicLong();
        if (retrainSeconds > 0) {
            StreamingLogisticRegressionWithSGD sgd = new StreamingLogisticRegressionWithSGD().setIntercept(true)
                    .setStepSize(0.05).setNumIterations(20).setInitialModel(pretrained);
            // Labelled transactions: ids far from the scored ones, 5000 a second (their outcome is known by now)
            DataStream<LabeledPoint> labelled = engine.readStream().option("rowsPerSecond", 5000).rate()
                    .map(row -> {
                        CardTransaction txn = CardTransaction.of(1L << 40 | row.value());
                        return new LabeledPoint(txn.fraud() ? 1 : 0, txn.features());
                    });
            // retrain: a fresh model from the pre-trained one every R batches; online: every batch moves the model on
            DataStream<LogisticRegressionModel> models = online ? sgd.trainOn(labelled)
                    : sgd.retrainOn(labelled, (int) (2 * retrainSeconds), (int) retrainSeconds);
            retraining = models.writeStream().queryName("retraining").foreach(new ForeachWriter<LogisticRegressionModel>() {
                        @Override
                        public boolean open(long partitionId, long epochId) {
                            return true;
                        }

                        @Override
                        public void process(LogisticRegressionModel model) {
                            scoringModel.set(model); // taken by the scoring query at its next epoch boundary
                            System.out.printf("%s model %d swapped in: %s%n", online ? "updated" : "retrained", retrained.incrementAndGet(), model);
                        }

                        @Override
                        public void close(Throwable error) {
                        }
                    })
                    .option("checkpointLocation", dir.resolve("retraining").toString())
                    .trigger(Trigger.processingTime(Duration.ofSeconds(1))).start();
        }

        System.out.printf("%-6s %12s %8s %8s %10s %10s%n", "second", "txns/s", "alerts", "frauds", "p50 us", "p99 us");
        System.out.println("(txns/s and the alert latency percentiles are those of the last epoch committed)");
        long warmUpEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        Histogram warmUp = null;
        for (long s = 1; s <= seconds && scoring.isActive(); s++) {
            Thread.sleep(1000);
            if (warmUp == null && System.nanoTime() > warmUpEnd) {
                warmUp = scoring.latencyHistogram();
            }
            var p = scoring.lastProgress();
            LatencyPercentiles l = p == null ? null : p.latency();
            System.out.printf("%-6d %12.0f %8d %8d %10.1f %10.1f%n", s, p == null ? 0 : p.inputRowsPerSecond(), alerts.alerts.get(),
                    alerts.frauds.get(), l == null ? 0 : l.p50Us(), l == null ? 0 : l.p99Us());
        }
        scoring.stop();
        if (retraining != null) {
            retraining.stop();
        }
        Histogram measured = scoring.latencyHistogram();
        if (warmUp != null) {
            measured.subtract(warmUp);
        }
        LatencyPercentiles total = LatencyPercentiles.of(measured);
        System.out.printf("%nAlert latency, from a transaction entering the engine to its alert in the sink (%s):%n"
                        + "  %d alerts, p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
                warmUp != null ? "after a 2 s warm-up" : "stopped during warm-up", total.count(), total.p50Us(),
                total.p90Us(), total.p99Us(), total.p999Us(), total.maxUs());
        long alerted = alerts.alerts.get();
        System.out.printf("Alerts: %d, of which fraud: %d (precision %.1f%%); models trained and swapped in: %d%n",
                alerted, alerts.frauds.get(), alerted == 0 ? 0 : 100.0 * alerts.frauds.get() / alerted, retrained.get());
        engine.close();
        scoring.exception().ifPresent(e -> {
            throw new IllegalStateException(e);
        });
    }

    /** The alert sink: counts alerts and the frauds among them, prints the first few. */
    private static final class AlertCounter implements ForeachWriter<Alert> {
        final AtomicLong alerts = new AtomicLong();
        final AtomicLong frauds = new AtomicLong();

        @Override
        public boolean open(long partitionId, long epochId) {
            return true;
        }

        @Override
        public void process(Alert alert) {
            long n = alerts.incrementAndGet();
            if (alert.txn().fraud()) {
                frauds.incrementAndGet();
            }
            if (n <= 3) {
                System.out.printf("alert: transaction %d, %.2f, %.0f km from home%s, p(fraud) %.3f%n", alert.txn().id(),
                        alert.txn().amount(), alert.txn().distanceKm(), alert.txn().foreign() ? ", abroad" : "",
                        alert.probability());
            }
        }

        @Override
        public void close(Throwable error) {
        }
    }
}
