package io.streamline.operators.window;

import io.streamline.engine.OutputMode;
import io.streamline.engine.TestSeed;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.state.ChangedEntries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
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
        expected.state().snapshot((key, v) -> {
            restoredGeneral.state().restore(key, v);
            restoredUnboxed.state().restore(key, v);
        });
        assertEquals(expected.state().numRows(), restoredUnboxed.state().numRows(), what + ": rows restored");
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

    /** One operator run alone: every row it emits, and the checkpoint its state's changes add up to. */
    private static final class Run {
        final Map<Object, Long> changes = new HashMap<>();
        final List<String> rows;
        private final WindowRun<Event> run;
        /** Applies an epoch's changes to the checkpoint. */
        private final Consumer<Map<Object, Object>> checkpoint = epoch -> epoch.forEach((key, value) -> {
            if (value == ChangedEntries.REMOVED) {
                changes.remove(key);
            } else {
                changes.put(key, (Long) value);
            }
        });

        Run(OutputMode mode, WindowSpec.Sliding<Event> spec, Function<WindowRules<Long, Event>, WindowStore<Long, Event, Long>> state) {
            run = new WindowRun<>(mode, context -> new WindowAggregate<>(spec, state.apply(new WindowRules<>(context, Event::key))),
                    Event::time);
            rows = run.rows;
        }

        OperatorState state() {
            return run.state();
        }

        /** Feeds one epoch's events, then its marker with the watermark (max event time - 1 s); returns the watermark. */
        long epoch(Event[] events, long epoch) {
            return run.epoch(events, epoch, checkpoint);
        }

        void marker(long epoch, long watermark) {
            run.marker(epoch, watermark, checkpoint);
        }
    }
}
