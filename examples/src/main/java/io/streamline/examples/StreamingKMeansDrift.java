package io.streamline.examples;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import io.streamline.operators.ml.KMeansModel;
import io.streamline.operators.ml.StreamingKMeans;
import io.streamline.tuning.CommandLineOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Streaming k-means on drifting clusters, with decay factor 1 (every batch weighs the same) and 0.5 (each batch
 * halves the weight of the past): three clusters stand still, then all jump by (+4, +4) and stand still again.
 * Micro-batches of generated points train both models; the centers of cluster 0 are printed per batch with their
 * distance to the true center. Decay 0.5 learns faster after the jump and oscillates more while the clusters stand
 * still, the trade-off the summary lines measure.
 *
 * <p>Options: {@code --batches B} (default 30, the jump after the first half), {@code --points P} per batch (default
 * 150), {@code --seed S} (default 42).
 */
public final class StreamingKMeansDrift {
    private static final double[][] CENTERS = {{0, 0}, {8, 0}, {0, 8}};

    private StreamingKMeansDrift() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions a = CommandLineOptions.parseOrExit(args,
                "usage: examples/run.sh StreamingKMeansDrift [--batches B] [--points P] [--seed S]", "batches", "points", "seed");
        Examples.announce(StreamingKMeansDrift.class);
        int batches = (int) a.longValue("batches", 30);
        int points = (int) a.longValue("points", 150);
        Random random = new Random(a.longValue("seed", 42));
        int jump = batches / 2;

        List<double[]> data = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            double shift = b < jump ? 0 : 4;
            for (int i = 0; i < points; i++) {
                double[] c = CENTERS[random.nextInt(CENTERS.length)];
                data.add(new double[]{c[0] + shift + random.nextGaussian(), c[1] + shift + random.nextGaussian()});
            }
        }
        StreamEngine engine = StreamEngine.create();
        List<List<KMeansModel>> runs = new ArrayList<>();
        for (double decay : new double[]{1.0, 0.5}) {
            StreamingKMeans kmeans = new StreamingKMeans().setDecayFactor(decay)
                    .setInitialCenters(new double[][]{{1, 1}, {7, 1}, {1, 7}}, new double[]{0, 0, 0});
            MemoryStream<double[]> input = new MemoryStream<double[]>("points").maxRecordsPerTrigger(points);
            input.addData(data);
            String table = "decay" + decay;
            kmeans.trainOn(engine.readStream(input)).writeStream().format("memory").queryName(table)
                    .trigger(Trigger.availableNow()).start().awaitTermination(60_000);
            runs.add(engine.<KMeansModel>table(table).rows());
        }
        engine.close();

        System.out.printf("%-6s %-12s %-20s %8s %-20s %8s%n", "batch", "true c0", "decay 1: c0", "error", "decay 0.5: c0", "error");
        double[][] error = new double[2][batches];
        double[][] step = new double[2][batches];
        for (int b = 0; b < batches; b++) {
            double shift = b < jump ? 0 : 4;
            StringBuilder line = new StringBuilder(String.format("%-6d %-12s", b + 1, String.format("(%.0f, %.0f)", shift, shift)));
            for (int r = 0; r < 2; r++) {
                KMeansModel model = runs.get(r).get(b);
                double x = model.center(0, 0);
                double y = model.center(0, 1);
                error[r][b] = Math.hypot(x - shift, y - shift);
                if (b > 0) {
                    KMeansModel before = runs.get(r).get(b - 1);
                    step[r][b] = Math.hypot(x - before.center(0, 0), y - before.center(0, 1));
                }
                line.append(String.format(" %-20s %8.3f", String.format("(%.3f, %.3f)", x, y), error[r][b]));
            }
            System.out.println(line);
        }
        System.out.printf("%nAfter the jump (batches %d-%d), mean distance to the true center: decay 1 %.3f, decay 0.5 %.3f"
                        + " (learns faster)%n", jump + 1, Math.min(batches, jump + 5), mean(error[0], jump, jump + 5),
                mean(error[1], jump, jump + 5));
        System.out.printf("Standing still (batches %d-%d), mean movement per batch: decay 1 %.3f, decay 0.5 %.3f"
                        + " (oscillates more)%n", jump / 2 + 1, jump, mean(step[0], jump / 2, jump), mean(step[1], jump / 2, jump));
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int i = from; i < Math.min(to, values.length); i++) {
            sum += values[i];
            n++;
        }
        return sum / n;
    }
}
