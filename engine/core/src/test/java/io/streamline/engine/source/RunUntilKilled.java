package io.streamline.engine.source;

import io.streamline.engine.StreamingQuery;

/** The end of a crash test's child JVM: says the query runs, then waits to be killed. */
final class RunUntilKilled {
    /** What the child prints once its query runs; the test waits for it before it starts killing. */
    static final String RUNNING = "RUNNING";

    private RunUntilKilled() {
    }

    /** Waits for {@code query} until the JVM is killed; a query failure ends the JVM with status 3 and its trace. */
    static void await(StreamingQuery query) {
        System.out.println(RUNNING);
        try {
            query.awaitTermination();
        } catch (Exception e) {
            e.printStackTrace(System.out);
            System.exit(3);
        }
    }
}
