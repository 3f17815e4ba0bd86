package io.streamline.operators.state;

import io.streamline.engine.DataStream;
import io.streamline.engine.KeyedStream;
import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.OperatorTraits;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Arbitrary stateful processing per key, Spark's {@code mapGroupsWithState} and {@code flatMapGroupsWithState}:
 *
 * <pre>{@code
 * events.groupByKey(Event::user)
 *       .via(GroupsWithState.mapGroupsWithState(GroupStateTimeout.PROCESSING_TIME_TIMEOUT,
 *               (String user, Iterator<Event> values, GroupState<Long> state) -> {
 *                   if (state.hasTimedOut()) { state.remove(); return user + " idle"; }
 *                   long n = state.getOption().orElse(0L);
 *                   while (values.hasNext()) { values.next(); n++; }
 *                   state.update(n);
 *                   state.setTimeoutDuration("1 minute");
 *                   return user + " " + n;
 *               }));
 * }</pre>
 *
 * When the function is called in each mode is described at {@link GroupsWithStateOperator}: per key per batch in
 * micro-batch mode, per record in continuous mode; timeouts at boundaries in both. Output modes follow Spark:
 * {@code mapGroupsWithState} runs in update mode only, once per query and not beside {@code flatMapGroupsWithState};
 * {@code flatMapGroupsWithState} in the mode it is declared with (append or update), which must be the query's unless
 * the query has an aggregation, where only append is allowed; several {@code flatMapGroupsWithState}s only when all
 * are append, in an append query; event-time timeouts need a watermark, and no stateful operator may follow an
 * operator with event-time timeouts (its rows can be older than the watermark).
 */
public final class GroupsWithState {
    private GroupsWithState() {
    }

    /** Spark's {@code mapGroupsWithState}: one row per call; update output mode only. */
    public static <K, V, S, U> Function<KeyedStream<K, V>, DataStream<U>> mapGroupsWithState(
            GroupStateTimeout timeout, MapGroupsFunction<K, V, S, U> fn) {
        GroupStateFunction<K, V, S, U> one = (key, values, state) -> List.of(fn.call(key, values, state)).iterator();
        return of("mapGroupsWithState", OutputMode.UPDATE, timeout, one);
    }

    /**
     * Spark's {@code flatMapGroupsWithState}: any number of rows per call, in {@code outputMode} (append or update),
     * which the query must use.
     *
     * @throws IllegalArgumentException for complete mode
     */
    public static <K, V, S, U> Function<KeyedStream<K, V>, DataStream<U>> flatMapGroupsWithState(
            OutputMode outputMode, GroupStateTimeout timeout, GroupStateFunction<K, V, S, U> fn) {
        if (outputMode == OutputMode.COMPLETE) {
            throw new IllegalArgumentException("flatMapGroupsWithState supports append and update output mode, not complete");
        }
        return of("flatMapGroupsWithState", outputMode, timeout, fn);
    }

    private static <K, V, S, U> Function<KeyedStream<K, V>, DataStream<U>> of(String name, OutputMode mode,
            GroupStateTimeout timeout, GroupStateFunction<K, V, S, U> fn) {
        boolean mapGroups = name.equals("mapGroupsWithState");
        OperatorTraits traits = OperatorTraits.groupsWithState(mapGroups, mode);
        for (OutputMode other : OutputMode.values()) {
            // flatMapGroupsWithState's declared mode is checked against the whole plan (its aggregations) at start()
            if (mapGroups && other != mode) {
                traits = traits.refuse(other, name + " declared with " + lower(mode) + " output mode cannot run in "
                        + lower(other) + " output mode, as in Spark: use outputMode(\"" + lower(mode) + "\")");
            }
            if (timeout == GroupStateTimeout.EVENT_TIME_TIMEOUT) {
                traits = traits.refuseWithoutWatermark(other, "Watermark must be specified in the query using"
                        + " withWatermark(eventTimeFn, delay) for using event-time timeout in " + name);
            }
        }
        // Rows emitted on an event-time timeout can be of any age, so no stateful operator may follow, as in Spark.
        OperatorTraits declared = timeout == GroupStateTimeout.EVENT_TIME_TIMEOUT ? traits.outputsBehindWatermark() : traits;
        return keyed -> {
            Function<? super V, ? extends K> keyFn = keyed.keyFunction();
            return keyed.transform(name, context -> new GroupsWithStateOperator<K, V, S, U>(context, keyFn, timeout, fn), declared);
        };
    }

    private static String lower(OutputMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
