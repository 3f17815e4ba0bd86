package io.streamline.bench;

import io.streamline.engine.DataStream;
import io.streamline.engine.OutputMode;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.sink.StreamSink;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An engine pipeline under load: the paced generator as its source, the chosen sink (noop by default) at the end, a
 * continuous trigger, and a fresh checkpoint directory that is deleted when the query stops. Latency is the
 * engine's own, recorded by its sink node.
 */
final class QueryWorkload implements RunningWorkload {
    private final StreamingQuery query;
    private final Path checkpoint;
    private final long epochMillis;

    private QueryWorkload(StreamingQuery query, Path checkpoint, long epochMillis) {
        this.query = query;
        this.checkpoint = checkpoint;
        this.epochMillis = epochMillis;
    }

    /**
     * Starts {@code pipeline} applied to the generator.
     *
     * @param name     the query's name (and its threads')
     * @param generatedValues the pooled objects the generator emits
     * @param pipeline the operators between generator and sink
     * @param mode     the output mode the pipeline needs
     */
    static QueryWorkload start(String name, RunnerOptions options, Mode executionMode, ValuePool generatedValues,
                               Function<DataStream<Long>, DataStream<?>> pipeline, OutputMode mode) {
        return start(name, options, executionMode, generatedValues, 1, 1, pipeline, mode);
    }

    /**
     * {@link #start(String, RunnerOptions, Mode, ValuePool, Function, OutputMode)} with a generator of
     * {@code partitions} partitions and keyed operators at {@code parallelism}.
     */
    static QueryWorkload start(String name, RunnerOptions options, Mode executionMode, ValuePool generatedValues,
                               int partitions, int parallelism, Function<DataStream<Long>, DataStream<?>> pipeline,
                               OutputMode mode) {
        return start(name, options, executionMode, generatedValues, partitions, parallelism, pipeline, mode, null);
    }

    /**
     * {@link #start(String, RunnerOptions, Mode, ValuePool, int, int, Function, OutputMode)} into {@code sink} instead
     * of the {@code --sink} format ({@code null}: that format).
     */
    static QueryWorkload start(String name, RunnerOptions options, Mode executionMode, ValuePool generatedValues,
                               int partitions, int parallelism, Function<DataStream<Long>, DataStream<?>> pipeline,
                               OutputMode mode, StreamSink<Object> sink) {
        return start(name, options, executionMode, parallelism, engine -> pipeline.apply(
                engine.readStream(new PacedSource(options.rate(), generatedValues, null, partitions))), mode, sink);
    }

    /**
     * Starts {@code pipeline} applied to two generators of half the rate each (a stream-stream join's inputs), both
     * emitting {@code generatedValues}.
     */
    static QueryWorkload startTwoInputs(String name, RunnerOptions options, Mode executionMode, ValuePool generatedValues,
                                        BiFunction<DataStream<Long>, DataStream<Long>, DataStream<?>> pipeline, OutputMode mode) {
        long half = Math.max(1, options.rate() / 2);
        return start(name, options, executionMode, 1, engine -> pipeline.apply(
                engine.readStream(new PacedSource(half, generatedValues, "left")),
                engine.readStream(new PacedSource(half, generatedValues, "right"))), mode, null);
    }

    private static QueryWorkload start(String name, RunnerOptions options, Mode executionMode, int parallelism,
                                       Function<StreamEngine, DataStream<?>> build, OutputMode mode, StreamSink<Object> sink) {
        StreamEngine engine = StreamEngine.builder().idleMode(options.idle()).parallelism(parallelism).build();
        Path checkpoint = freshDirectory(options.checkpointDir(), name);
        var writer = build.apply(engine).writeStream();
        if (sink != null) {
            writer.sink(sink);
        } else {
            writer.format(options.sink());
        }
        if (sink == null && !options.sink().equals("noop")) {
            writer.option("path", checkpoint.resolve("output").toString()); // deleted with the checkpoint
        }
        StreamingQuery query = writer
                .queryName(name)
                .outputMode(mode)
                .trigger(executionMode.trigger(options))
                .option("checkpointLocation", checkpoint.toString())
                .start();
        return new QueryWorkload(query, checkpoint, executionMode.intervalMs(options));
    }

    @Override
    public Histogram latencyHistogram() {
        return query.latencyHistogram();
    }

    @Override
    public List<StreamingQueryProgress> recentProgress() {
        return query.recentProgress();
    }

    @Override
    public long epochMillis() {
        return epochMillis;
    }

    @Override
    public String describe() {
        return query.explainString();
    }

    @Override
    public void close() {
        query.stop();
        query.exception().ifPresent(e -> {
            throw new IllegalStateException("benchmark query failed", e);
        });
        deleteRecursively(checkpoint);
    }

    /** A new, empty directory under {@code base}: a checkpoint left by an earlier run must not be resumed. */
    private static Path freshDirectory(Path base, String name) {
        try {
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a checkpoint directory under " + base, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete checkpoint directory " + dir, e);
        }
    }
}
