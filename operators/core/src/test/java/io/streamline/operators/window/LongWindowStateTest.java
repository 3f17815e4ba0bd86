package io.streamline.operators.window;

import io.streamline.engine.KeyValue;
import io.streamline.engine.OutputMode;
import io.streamline.engine.TestSeed;
import io.streamline.engine.operator.OperatorFactory;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.StateChanges;
import io.streamline.engine.runtime.Downstream;
import io.streamline.engine.runtime.Envelope;
import io.streamline.engine.runtime.OperatorNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The unboxed window count/sum ({@link LongWindowState}) against the general {@link WindowState} with the same
 * aggregate, each run alone on the same random input: thousands of keys (so the slot arrays grow, the index rehashes
 * and evicted slots are reused), event times mostly advancing with rows out of order and late ones, a marker with a
 * rising watermark every few hundred records. Both must emit the same rows in the same order with the same event
 * times, in every output mode, and hand the same changes to the checkpoint at every marker; a snapshot of the general
 * state restores into the unboxed one with the same results thereafter (a checkpoint written before this path existed).
 * The seed is printed; replay with {@code -Dstreamline.test.seed=<seed>}.
 */
class LongWindowStateTest {
    private static final int KEYS = 3_000;
    private static final int EPOCHS = 60;
    private static final int RECORDS_PER_EPOCH = 400;

    /** One record: its key (boxed anew, as keys arrive) and its event time. */
    private record Event(long key, long time) {
    }

    @Test
    void countsAndSumsAsTheGeneralStateDoesInEveryOutputMode() {
        Random random = TestSeed.random("LongWindowStateTest");
        List<Event[]> input = input(random);
        ToLongFunction<Event> value = e -> e.key() % 7 - 2;
        for (OutputMode mode : new OutputMode[]{OutputMode.UPDATE, OutputMode.APPEND, OutputMode.COMPLETE}) {
            for (WindowSpec.Sliding<Event> spec : List.of(new WindowSpec.Sliding<Event>(1_000, 1_000, 0),
                    new WindowSpec.Sliding<Event>(2_000, 1_000, 0), new WindowSpec.Sliding<Event>(3_000, 1_000, 300))) {
                String what = mode + " " + spec;
                compare(what + " count", mode, spec, input, rules -> new WindowState<>(rules, Aggregators.count()),
                        rules -> new LongWindowState<>(rules, e -> 1L));
                compare(what + " sum", mode, spec, input, rules -> new WindowState<>(rules, Aggregators.sum(value)),
                        rules -> new LongWindowState<>(rules, value));
            }
        }
    }

    private static void compare(String what, OutputMode mode, WindowSpec.Sliding<Event> spec, List<Event[]> input,
                                Function<WindowRules<Long, Event>, WindowStore<Long, Event, Long>> general,
                                Function<WindowRules<Long, Event>, WindowStore<Long, Event, Long>> unboxed) {
        Run expected = new Run(mode, spec, general);
        Run actual = new Run(mode, spec, unboxed);
        int half = input.size() / 2;
        long watermark = 0;
        for (int epoch = 0; epoch < half; epoch++) {
            watermark = expected.epoch(input.get(epoch), epoch);
            actual.epoch(input.get(epoch), epoch);
            assertEquals(expected.rows, actual.rows, what + ": rows up to epoch " + epoch);
            assertEquals(expected.changes, actual.changes, what + ": checkpointed changes up to epoch " + epoch);
        }
        // Both restart from a snapshot of the general state, at the watermark it had.
        Run restoredGeneral = new Run(mode, spec, general);
        Run restoredUnboxed = new Run(mode, spec, unboxed);
        expected.store.state().snapshot((key, v) -> {
            restoredGeneral.store.state().restore(key, v);
            restoredUnboxed.store.state().restore(key, v);
        });
        assertEquals(expected.store.state().numRows(), restoredUnboxed.store.state().numRows(), what + ": rows restored");
        restoredGeneral.marker(half - 1, watermark);
        restoredUnboxed.marker(half - 1, watermark);
        for (int epoch = half; epoch < input.size(); epoch++) {
            restoredGeneral.epoch(input.get(epoch), epoch);
            restoredUnboxed.epoch(input.get(epoch), epoch);
        }
        assertEquals(restoredGeneral.rows, restoredUnboxed.rows, what + ": rows after the restore");
        assertEquals(restoredGeneral.changes, restoredUnboxed.changes, what + ": checkpointed changes after the restore");
    }

    /** Epochs of events around an advancing time: most within 1.5 s behind it, some 5 s behind (late). */
    private static List<Event[]> input(Random random) {
        List<Event[]> epochs = new ArrayList<>();
        long now = 10_000;
        for (int e = 0; e < EPOCHS; e++) {
            Event[] events = new Event[RECORDS_PER_EPOCH];
            for (int i = 0; i < events.length; i++) {
                now += random.nextInt(3);
                long behind = random.nextInt(20) == 0 ? 5_000 : random.nextInt(1_500);
                events[i] = new Event(random.nextInt(KEYS), now - behind);
            }
            epochs.add(events);
        }
        return epochs;
    }

    /** One operator run alone: every row it emits, and every change its state hands to the checkpoint. */
    private static final class Run implements Downstream {
        final List<String> rows = new ArrayList<>();
        final Map<Object, Long> changes = new HashMap<>();
        final WindowStore<Long, Event, Long> store;
        private final OperatorNode node;
        private final Envelope meta = new Envelope();
        private long maxTime = Long.MIN_VALUE;

        Run(OutputMode mode, WindowSpec.Sliding<Event> spec, Function<WindowRules<Long, Event>, WindowStore<Long, Event, Long>> state) {
            List<WindowStore<Long, Event, Long>> made = new ArrayList<>();
            OperatorFactory<Event, KeyValue<Windowed<Long>, Long>> factory = context -> {
                WindowStore<Long, Event, Long> store = state.apply(new WindowRules<>(context, Event::key));
                made.add(store);
                return new WindowAggregate<>(spec, store);
            };
            node = OperatorNode.detached("window.test", factory, mode, this);
            store = made.get(0);
        }

        /** Feeds one epoch's events, then its marker with the watermark (max event time - 1 s); returns the watermark. */
        long epoch(Event[] events, long epoch) {
            for (Event event : events) {
                maxTime = Math.max(maxTime, event.time());
                meta.setRecord(event, 0, event.time(), 0);
                node.onRecord(event, meta);
            }
            long watermark = maxTime - 1_000;
            marker(epoch, watermark);
            return watermark;
        }

        void marker(long epoch, long watermark) {
            node.onEpochMarker(epoch, watermark);
            rows.add("marker " + epoch);
            StateChanges taken = store.state().takeChanges();
            taken.forEach(new StateChanges.Visitor() {
                @Override
                public void changed(Object key, Object value) {
                    changes.put(key, (Long) value);
                }

                @Override
                public void changedLong(Object key, long value) {
                    changes.put(key, value);
                }

                @Override
                public void changedEncoded(Object key, byte[] value) {
                    throw new AssertionError("a long result was encoded: " + key);
                }

                @Override
                public void removed(Object key) {
                    changes.remove(key);
                }
            });
            taken.release();
        }

        @Override
        public void onRecord(Object value, RecordMeta meta) {
            KeyValue<?, ?> row = (KeyValue<?, ?>) value;
            rows.add(row.key() + "=" + row.value() + " @" + meta.eventTime());
        }

        @Override
        public void onKeyedLong(Object key, long value, RecordMeta meta) {
            rows.add(key + "=" + value + " @" + meta.eventTime());
        }

        @Override
        public void onEpochMarker(long epoch, long watermark) {
        }

        @Override
        public void onEnd() {
        }
    }
}
