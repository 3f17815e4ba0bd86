package io.streamline.operators.window;

import io.streamline.engine.OutputMode;
import io.streamline.engine.TestSeed;
import io.streamline.engine.operator.OperatorContext;
import io.streamline.engine.operator.OperatorMetrics;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.TimerService;
import io.streamline.engine.state.ChangedEntries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The session state ({@link SessionState}) against sessions on the general {@link WindowState}
 * ({@link WindowStateSessions}, what session windows ran on before), each run alone on the same random input:
 * thousands of keys (so the slot arrays grow and freed slots are reused), event times mostly advancing with rows out
 * of order (which bridge and merge sessions) and late ones, a fixed gap and a gap per record, a marker with a rising
 * watermark every few hundred records. In every output mode, continuous and micro-batch, both must emit per epoch the
 * same rows with the same event times (the order may differ: evictions go by bucket), count the same state rows, and
 * hand the same changes to the checkpoint at every marker; a snapshot of the general state restores into the new one
 * with the same results thereafter (a checkpoint written before the new state existed). Accumulators are a count (an
 * immutable {@code Long}), the records' order (a string, whose merges must come in the same order) and a list (of a
 * class that may change, so encoded at the marker). The seed is printed; replay with
 * {@code -Dstreamline.test.seed=<seed>}.
 */
class SessionStateTest {
    private static final int KEYS = 2_000;
    private static final int EPOCHS = 60;
    private static final int RECORDS_PER_EPOCH = 500;

    /** One record: its key (boxed anew, as keys arrive), its event time and its sequence number. */
    private record Event(long key, long time, long id) {
    }

    /** The state of one run: the reference on the general state, or the session state. */
    private interface Store extends BiFunction<WindowRules<Long, Event>, Aggregator<Event, Object, Object>,
            WindowStore<Long, Event, Object>> {
    }

    @Test
    void sessionsAsTheGeneralStateHasThemInEveryOutputMode() {
        Random random = TestSeed.random("SessionStateTest");
        List<Event[]> input = input(random);
        Map<String, Aggregator<Event, ?, ?>> aggregators = Map.of("count", Aggregators.count(),
                "order", order(), "list", list());
        Map<String, ToLongFunction<Event>> gaps = Map.of("1 s", e -> 1_000, "per record", e -> 200 + e.id() % 7 * 300);
        for (OutputMode mode : new OutputMode[]{OutputMode.UPDATE, OutputMode.APPEND, OutputMode.COMPLETE}) {
            for (boolean microBatch : new boolean[]{false, true}) {
                for (Map.Entry<String, ToLongFunction<Event>> gap : gaps.entrySet()) {
                    for (Map.Entry<String, Aggregator<Event, ?, ?>> aggregator : aggregators.entrySet()) {
                        String what = mode + (microBatch ? " micro-batch" : " continuous") + ", gap " + gap.getKey()
                                + ", " + aggregator.getKey();
                        compare(what, mode, microBatch, new WindowSpec.Session<>(gap.getValue()),
                                erased(aggregator.getValue()), input);
                    }
                }
            }
        }
    }

    private static void compare(String what, OutputMode mode, boolean microBatch, WindowSpec.Session<Event> spec,
                                Aggregator<Event, Object, Object> aggregator, List<Event[]> input) {
        Store general = WindowStateSessions::new;
        Store sessions = SessionState::new;
        Run expected = new Run(mode, microBatch, spec, aggregator, general);
        Run actual = new Run(mode, microBatch, spec, aggregator, sessions);
        int half = input.size() / 2;
        long watermark = 0;
        for (int epoch = 0; epoch < half; epoch++) {
            watermark = expected.epoch(input.get(epoch), epoch);
            actual.epoch(input.get(epoch), epoch);
            expected.assertSame(actual, what + ", epoch " + epoch);
        }
        // Both restart from a snapshot of the general state, at the watermark it had.
        Run restoredGeneral = new Run(mode, microBatch, spec, aggregator, general);
        Run restoredSessions = new Run(mode, microBatch, spec, aggregator, sessions);
        expected.state().snapshot((key, v) -> {
            restoredGeneral.state().restore(key, v);
            restoredSessions.state().restore(key, v);
        });
        assertEquals(expected.state().numRows(), restoredSessions.state().numRows(), what + ": rows restored");
        restoredGeneral.marker(half - 1, watermark);
        restoredSessions.marker(half - 1, watermark);
        restoredGeneral.assertSame(restoredSessions, what + ", the restore's marker");
        for (int epoch = half; epoch < input.size(); epoch++) {
            restoredGeneral.epoch(input.get(epoch), epoch);
            restoredSessions.epoch(input.get(epoch), epoch);
            restoredGeneral.assertSame(restoredSessions, what + ", epoch " + epoch + " after the restore");
        }
    }

    /**
     * Epochs of events around an advancing time (half a millisecond a record, so a key's records are about a second
     * apart): most within 1.5 s behind it, some 5 s behind (late).
     */
    private static List<Event[]> input(Random random) {
        List<Event[]> epochs = new ArrayList<>();
        long now = 10_000;
        long id = 0;
        for (int e = 0; e < EPOCHS; e++) {
            Event[] events = new Event[RECORDS_PER_EPOCH];
            for (int i = 0; i < events.length; i++) {
                now += random.nextInt(2);
                long behind = random.nextInt(20) == 0 ? 5_000 : random.nextInt(1_500);
                events[i] = new Event(random.nextInt(KEYS), now - behind, id++);
            }
            epochs.add(events);
        }
        return epochs;
    }

    /** The ids of a session's records in the order merging put them: any difference in merge order shows. */
    private static Aggregator<Event, String, String> order() {
        return new Aggregator<>() {
            @Override
            public String zero() {
                return "";
            }

            @Override
            public String add(String acc, Event value) {
                return acc.isEmpty() ? Long.toString(value.id()) : acc + "," + value.id();
            }

            @Override
            public String merge(String a, String b) {
                return a + "," + b;
            }

            @Override
            public String finish(String acc) {
                return acc;
            }
        };
    }

    /** The event times of a session's records, in an {@link ArrayList}: a class that may change, so encoded. */
    private static Aggregator<Event, ArrayList<Long>, String> list() {
        return new Aggregator<>() {
            @Override
            public ArrayList<Long> zero() {
                return new ArrayList<>();
            }

            @Override
            public ArrayList<Long> add(ArrayList<Long> acc, Event value) {
                ArrayList<Long> added = new ArrayList<>(acc);
                added.add(value.time());
                return added;
            }

            @Override
            public ArrayList<Long> merge(ArrayList<Long> a, ArrayList<Long> b) {
                ArrayList<Long> merged = new ArrayList<>(a);
                merged.addAll(b);
                return merged;
            }

            @Override
            public String finish(ArrayList<Long> acc) {
                return acc.toString();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Aggregator<Event, Object, Object> erased(Aggregator<Event, ?, ?> aggregator) {
        return (Aggregator<Event, Object, Object>) aggregator;
    }

    /**
     * One operator run alone, and what its last epoch did: the rows it emitted (sorted), the state rows its metrics
     * counted, and the changes its state handed to the checkpoint ({@link ChangedEntries#of}).
     */
    private static final class Run {
        private final WindowRun<Event> run;
        private OperatorMetrics.Counts counts;
        private Map<Object, Object> changes;

        Run(OutputMode mode, boolean microBatch, WindowSpec.Session<Event> spec, Aggregator<Event, Object, Object> aggregator,
            Store state) {
            run = new WindowRun<>(mode, host -> new SessionAggregate<>(spec,
                    state.apply(new WindowRules<>(microBatch ? microBatch(host) : host, Event::key), aggregator)), Event::time);
        }

        OperatorState state() {
            return run.state();
        }

        /** Feeds one epoch's events, then its marker with the watermark (max event time - 1 s); returns the watermark. */
        long epoch(Event[] events, long epoch) {
            long watermark = run.epoch(events, epoch, taken -> changes = taken);
            counts = run.context().metrics().take();
            return watermark;
        }

        void marker(long epoch, long watermark) {
            run.marker(epoch, watermark, taken -> changes = taken);
            counts = run.context().metrics().take();
        }

        /** Asserts the last epoch did the same in {@code actual}; the next starts with no rows. */
        void assertSame(Run actual, String what) {
            run.rows.sort(null);
            actual.run.rows.sort(null);
            assertEquals(run.rows.size(), actual.run.rows.size(), what + ": rows emitted");
            for (int i = 0; i < run.rows.size(); i++) {
                assertEquals(run.rows.get(i), actual.run.rows.get(i), what + ": row " + i);
            }
            assertEquals(counts, actual.counts, what + ": state rows updated, removed and dropped");
            assertEquals(changes, actual.changes, what + ": checkpointed changes");
            assertEquals(state().numRows(), actual.state().numRows(), what + ": state rows");
            run.rows.clear();
            actual.run.rows.clear();
        }
    }

    /** {@code host} as a micro-batch query's operator sees it, so the state emits changed rows once per batch. */
    private static OperatorContext microBatch(OperatorContext host) {
        return new OperatorContext() {
            @Override
            public String operatorId() {
                return host.operatorId();
            }

            @Override
            public OutputMode outputMode() {
                return host.outputMode();
            }

            @Override
            public boolean microBatch() {
                return true;
            }

            @Override
            public int instance() {
                return host.instance();
            }

            @Override
            public int parallelism() {
                return host.parallelism();
            }

            @Override
            public long currentEpoch() {
                return host.currentEpoch();
            }

            @Override
            public long epochTimeMillis() {
                return host.epochTimeMillis();
            }

            @Override
            public long currentWatermark() {
                return host.currentWatermark();
            }

            @Override
            public long watermarkDelayMillis() {
                return host.watermarkDelayMillis();
            }

            @Override
            public long inputWatermark(int input) {
                return host.inputWatermark(input);
            }

            @Override
            public TimerService timers() {
                return host.timers();
            }

            @Override
            public OperatorMetrics metrics() {
                return host.metrics();
            }
        };
    }
}
