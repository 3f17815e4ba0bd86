package io.streamline.operators.dstream.crash;

import io.streamline.engine.StreamEngine;
import io.streamline.operators.dstream.PairDStream;
import io.streamline.operators.dstream.StreamingContext;
import io.streamline.operators.dstream.Tuple2;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The DStream word count {@link DStreamCrashTest} kills: 100 ms batches on the wall clock, each taking one file of
 * the input directory (in name order), a running total per word ({@code updateStateByKey}) and the counts of the
 * last three batches ({@code reduceByKeyAndWindow} with an inverse and a filter dropping zeros), both saved with
 * {@code saveAsTextFiles}. Started through {@code getOrCreate}; prints whether it resumed a checkpoint.
 *
 * <p>Arguments: checkpoint directory, input directory, output directory.
 */
public final class DStreamCrashChild {
    static final Duration BATCH = Duration.ofMillis(100);
    static final int WINDOW_BATCHES = 3;

    private DStreamCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        String checkpoint = args[0];
        String input = args[1];
        String output = args[2];
        StreamEngine engine = StreamEngine.create();
        StreamingContext ssc = StreamingContext.getOrCreate(checkpoint, () -> {
            StreamingContext c = new StreamingContext(engine, BATCH);
            PairDStream<String, Integer> ones = c.inputStream(engine.readStream().option("maxFilesPerTrigger", 1)
                            .option("fileOrder", "name").text(input))
                    .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
                    .mapToPair(word -> new Tuple2<>(word, 1));
            ones.updateStateByKey((List<Integer> values, Optional<Integer> total) -> Optional.of(total.orElse(0) + values.size()))
                    .saveAsTextFiles(output + "/totals", "");
            ones.reduceByKeyAndWindow(Integer::sum, (a, b) -> a - b, BATCH.multipliedBy(WINDOW_BATCHES), BATCH, kv -> kv._2() != 0)
                    .saveAsTextFiles(output + "/window", "");
            return c;
        });
        System.out.println("recovered=" + ssc.recoveredFromCheckpoint());
        ssc.start();
        ssc.awaitTermination();
    }
}
