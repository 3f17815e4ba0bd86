package io.streamline.operators.ml;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.sink.ForeachWriter;

import java.util.concurrent.locks.LockSupport;

/**
 * Child JVM of {@link KMeansCrashTest}: text files of {@code x,y} points -> slow parse -> StreamingKMeans.trainOn ->
 * a writer printing every model as {@code MODEL epoch weightSum c0x c0y c1x ...} (doubles as Java prints them, so
 * they read back exactly), until killed. Arguments: input directory, checkpoint directory, mode ({@code continuous}:
 * sequential updates with decay 1 per point, 100 ms epochs; {@code microbatch}: Spark's batch rule with decay 0.5,
 * one file per batch).
 */
public final class KMeansCrashChild {
    static final String RUNNING = "RUNNING";

    private KMeansCrashChild() {
    }

    /** The k-means configuration of {@code mode}, the same in the child and in the test's reference. */
    static StreamingKMeans kmeans(String mode) {
        StreamingKMeans kmeans = new StreamingKMeans().setInitialCenters(
                new double[][]{{0, 0}, {5, 5}, {10, 0}}, new double[]{1, 1, 1});
        return mode.equals("continuous") ? kmeans.setDecayFactor(1.0).setSequential(true)
                : kmeans.setDecayFactor(0.5);
    }

    static double[] parse(String line) {
        int comma = line.indexOf(',');
        return new double[]{Double.parseDouble(line.substring(0, comma)), Double.parseDouble(line.substring(comma + 1))};
    }

    public static void main(String[] args) throws Exception {
        String mode = args[2];
        StreamEngine engine = StreamEngine.create();
        StreamingQuery query = kmeans(mode).trainOn(engine.readStream().format("text").option("path", args[0])
                        .option("pollInterval", "10ms").option("maxFilesPerTrigger", 1).option("fileOrder", "name")
                        .<String>load()
                        .map(line -> {
                            LockSupport.parkNanos(200_000); // slow, so that kills land in the middle of the input
                            return parse(line);
                        }))
                .writeStream().foreach(new ForeachWriter<KMeansModel>() {
                    private long epoch;

                    @Override
                    public boolean open(long partitionId, long epochId) {
                        epoch = epochId;
                        return true;
                    }

                    @Override
                    public void process(KMeansModel model) {
                        StringBuilder line = new StringBuilder("MODEL ").append(epoch).append(' ');
                        double sum = 0;
                        for (double w : model.clusterWeights()) {
                            sum += w;
                        }
                        line.append(sum);
                        for (double[] center : model.clusterCenters()) {
                            for (double x : center) {
                                line.append(' ').append(x);
                            }
                        }
                        System.out.println(line);
                    }

                    @Override
                    public void close(Throwable error) {
                        System.out.flush();
                    }
                })
                .option("checkpointLocation", args[1])
                .trigger(mode.equals("continuous") ? Trigger.continuous(100) : Trigger.processingTime(10)).start();
        System.out.println(RUNNING);
        try {
            query.awaitTermination();
        } catch (Exception e) {
            e.printStackTrace(System.out);
            System.exit(3);
        }
    }
}
