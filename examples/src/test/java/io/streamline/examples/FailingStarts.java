package io.streamline.examples;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.source.MemoryStream;
import io.streamline.engine.source.SourceReader;
import io.streamline.engine.source.StreamSource;

import java.util.List;

/**
 * Child JVM of {@link ExamplesTest}: {@code start()} calls that fail after the engine made a temporary checkpoint
 * (a second query of an active query's name; a source that cannot open), each reported on a line of its own.
 */
public final class FailingStarts {
    private FailingStarts() {
    }

    public static void main(String[] args) {
        try (StreamEngine engine = StreamEngine.create()) {
            MemoryStream<String> input = new MemoryStream<>("input");
            engine.readStream(input).writeStream().format("memory").queryName("taken").start();
            for (Runnable start : List.<Runnable>of(
                    () -> engine.readStream(input).writeStream().format("memory").queryName("taken").start(),
                    () -> engine.readStream(new Unopenable()).writeStream().format("noop").start())) {
                try {
                    start.run();
                    System.out.println("started, unexpectedly");
                } catch (RuntimeException e) {
                    System.out.println("start failed: " + e.getMessage());
                }
            }
        }
    }

    /** A source whose partition cannot open. */
    private static final class Unopenable implements StreamSource<String> {
        @Override
        public String format() {
            return "unopenable";
        }

        @Override
        public String description() {
            return "Unopenable";
        }

        @Override
        public int partitions() {
            return 1;
        }

        @Override
        public SourceReader<String> openPartition(int partition, String startOffset) {
            throw new IllegalStateException("this source cannot open");
        }
    }
}
