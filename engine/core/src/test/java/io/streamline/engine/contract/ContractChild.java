package io.streamline.engine.contract;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;

import java.lang.reflect.Constructor;
import java.nio.file.Path;

/**
 * The child JVM of the contract suites' kill -9 tests: makes an instance of the connector's contract test class
 * (its no-argument constructor, as JUnit does), lets it start its query, prints {@link #RUNNING} and runs until
 * killed. Arguments: {@code source|sink}, the test class, its working directory, the checkpoint directory and,
 * for sources, the output directory of the text file sink the records go to, for sinks, whether the query runs
 * micro-batches.
 */
public final class ContractChild {
    /** Printed once the query runs; the test waits for it before it starts killing. */
    static final String RUNNING = "CONTRACT-CHILD-RUNNING";

    private ContractChild() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> test = Class.forName(args[1]);
        Constructor<?> constructor = test.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object contract = constructor.newInstance();
        Path dir = Path.of(args[2]);
        Path checkpoint = Path.of(args[3]);
        StreamEngine engine = StreamEngine.create();
        StreamingQuery query = switch (args[0]) {
            case "source" -> ((SourceContract<?>) contract).startCopyQuery(engine, dir, checkpoint, Path.of(args[4]));
            case "sink" -> ((SinkContract) contract).startRateQuery(engine, dir, checkpoint, Boolean.parseBoolean(args[4]));
            default -> throw new IllegalArgumentException("role must be source or sink, got " + args[0]);
        };
        System.out.println(RUNNING);
        try {
            query.awaitTermination();
        } catch (Exception e) {
            e.printStackTrace(System.out);
            System.exit(3);
        }
    }
}
