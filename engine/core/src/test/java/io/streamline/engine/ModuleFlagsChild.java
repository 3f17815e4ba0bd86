package io.streamline.engine;

import io.streamline.engine.source.MemoryStream;

/**
 * Child JVM of {@link ModuleFlagsTest}: creates an engine and runs a query through a checkpoint journal (so
 * Chronicle is really used), printing the rows, or what failed, then exits 0 either way.
 */
public final class ModuleFlagsChild {
    static final String ROWS = "rows: ";
    static final String FAILED = "failed: ";

    private ModuleFlagsChild() {
    }

    public static void main(String[] args) {
        try (StreamEngine engine = StreamEngine.create()) {
            MemoryStream<String> input = new MemoryStream<>("input");
            StreamingQuery query = engine.readStream(input).groupByKey(w -> w).count().writeStream().format("memory")
                    .queryName("counts").outputMode("update").start();
            input.addData("a", "b", "a");
            query.processAllAvailable();
            System.out.println(ROWS + engine.table("counts").asMap());
        } catch (Throwable t) {
            System.out.println(FAILED + t);
        }
    }
}
