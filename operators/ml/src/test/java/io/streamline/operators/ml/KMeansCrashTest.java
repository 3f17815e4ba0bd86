package io.streamline.operators.ml;

import io.streamline.engine.ChildJvm;
import io.streamline.engine.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * kill -9 of a child JVM training k-means, at random moments (seed logged, {@code -Dstreamline.test.seed} replays),
 * then a last run over the full input: its final centers equal those of training over the same input without a
 * crash, within 1e-9, so the model restored from the checkpoint continued exactly (no point lost or counted twice).
 * Kills per mode: {@code -Dstreamline.ml.crash.kills} (default 3).
 */
class KMeansCrashTest {
    private static final int KILLS = Integer.getInteger("streamline.ml.crash.kills", 3);
    private static final int FILES = 4;
    private static final int POINTS_PER_FILE = 1500;

    @TempDir
    Path tmp;

    /** Points around three drifting centers, one file per batch; returns the batches as written. */
    private List<List<double[]>> writeInput(Path in, Random random) throws IOException {
        double[][] means = {{1, 1}, {6, 4}, {9, -1}};
        List<List<double[]>> batches = new ArrayList<>();
        for (int f = 0; f < FILES; f++) {
            List<double[]> batch = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < POINTS_PER_FILE; i++) {
                double[] mean = means[random.nextInt(3)];
                double[] p = {mean[0] + 0.2 * f + random.nextGaussian() * 0.5, mean[1] + random.nextGaussian() * 0.5};
                batch.add(p);
                text.append(p[0]).append(',').append(p[1]).append('\n');
            }
            Path staged = Files.writeString(tmp.resolve("staging-" + f), text);
            Files.move(staged, in.resolve(String.format("part-%03d.txt", f)), StandardCopyOption.ATOMIC_MOVE);
            batches.add(batch);
        }
        return batches;
    }

    /** The last {@code MODEL} line of {@code output} as numbers: epoch, weight sum, then the centers; null if none. */
    private static double[] lastModel(String output) {
        double[] last = null;
        for (String line : output.lines().toList()) {
            if (line.startsWith("MODEL ")) {
                last = java.util.Arrays.stream(line.substring(6).split(" ")).mapToDouble(Double::parseDouble).toArray();
            }
        }
        return last;
    }

    @Test
    void continuousSequentialTrainingContinuesFromTheCommittedModelAcrossKillNine() throws Exception {
        run("continuous");
    }

    @Test
    void microBatchTrainingContinuesFromTheCommittedModelAcrossKillNine() throws Exception {
        run("microbatch");
    }

    private void run(String mode) throws Exception {
        long seed = TestSeed.of("KMeansCrashTest-" + mode);
        Random random = new Random(seed);
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path checkpoint = tmp.resolve("ckpt");
        List<List<double[]>> batches = writeInput(in, random);
        int total = FILES * POINTS_PER_FILE;
        int killedMidway = 0;
        for (int k = 0; k < KILLS; k++) {
            ChildJvm child = ChildJvm.start(KMeansCrashChild.class, tmp.resolve("child-" + k + ".log"),
                    in.toString(), checkpoint.toString(), mode);
            child.awaitOutput(KMeansCrashChild.RUNNING, Duration.ofSeconds(60));
            child.await("run " + k + " trains a model (seed " + seed + ")", Duration.ofSeconds(60),
                    () -> lastModel(child.output()) != null);
            Thread.sleep(random.nextInt(300));
            child.kill();
            double[] atKill = lastModel(child.output());
            if (!done(mode, atKill, total)) {
                killedMidway++;
            }
        }
        assertThat(killedMidway).as("kills that landed before the input was fully trained (seed %d)", seed).isPositive();

        ChildJvm last = ChildJvm.start(KMeansCrashChild.class, tmp.resolve("child-final.log"),
                in.toString(), checkpoint.toString(), mode);
        last.await("the whole input trained (seed " + seed + ")", Duration.ofSeconds(120),
                () -> {
                    last.assertAlive();
                    return done(mode, lastModel(last.output()), total);
                });
        double[] finalModel = lastModel(last.output());
        last.kill();

        StreamingKMeans reference = KMeansCrashChild.kmeans(mode);
        KMeansModel expected = mode.equals("continuous")
                ? reference.train(List.of(batches.stream().flatMap(List::stream).toList()))
                : reference.train(batches);
        double[][] centers = expected.clusterCenters();
        for (int c = 0; c < centers.length; c++) {
            for (int d = 0; d < 2; d++) {
                assertThat(finalModel[2 + 2 * c + d]).as("center %d, coordinate %d (seed %d)", c, d, seed)
                        .isCloseTo(centers[c][d], within(1e-9));
            }
        }
        if (mode.equals("continuous")) {
            assertThat(finalModel[1]).as("weights: every point counted once (seed %d)", seed).isEqualTo(total + 3.0);
        }
    }

    /** Whether a printed model is the one after the whole input. */
    private static boolean done(String mode, double[] model, int total) {
        if (model == null) {
            return false;
        }
        return mode.equals("continuous") ? model[1] == total + 3.0 : model[0] == FILES - 1;
    }
}
