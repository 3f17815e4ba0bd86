package io.streamline.operators;

import io.streamline.engine.StreamingQuery;
import io.streamline.engine.StreamingQueryException;
import io.streamline.engine.progress.StreamingQueryProgress.StateOperatorProgress;

import java.util.function.Function;

/** What the operator tests ask of a running query. */
public final class TestQueries {
    private TestQueries() {
    }

    /** {@link StreamingQuery#processAllAvailable()}, failing the test if the query failed. */
    public static void processAll(StreamingQuery query) {
        try {
            query.processAllAvailable();
        } catch (StreamingQueryException e) {
            throw new AssertionError("the query failed", e);
        }
    }

    /** The sum of one stateful-operator counter over every recent progress report of {@code query}. */
    public static long total(StreamingQuery query, Function<StateOperatorProgress, Long> counter) {
        return query.recentProgress().stream().flatMap(p -> p.stateOperators().stream()).mapToLong(counter::apply).sum();
    }

    /** The number of state rows of the first stateful operator in the last progress report. */
    public static long stateRows(StreamingQuery query) {
        return query.lastProgress().stateOperators().get(0).numRowsTotal();
    }
}
