package io.streamline.engine.state;

import io.streamline.engine.operator.StateChanges;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LongKeyedStateTest {
    @Test
    void shouldHandOverEachChangedKeyOnceWithItsLatestValue() {
        LongKeyedState<String> state = new LongKeyedState<>();
        state.insert("a", 1);
        state.insert("b", Long.MIN_VALUE);
        state.set(state.slotOf("a"), 2);
        state.set(state.slotOf("a"), 3);

        assertThat(ChangedEntries.of(state.takeChanges())).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3L, "b", Long.MIN_VALUE));

        state.set(state.slotOf("b"), 7);
        assertThat(ChangedEntries.of(state.takeChanges())).as("only what changed since the last hand-over")
                .containsExactlyInAnyOrderEntriesOf(Map.of("b", 7L));
        assertThat(ChangedEntries.of(state.takeChanges())).isEmpty();
        assertThat(state.valueAt(state.slotOf("a"))).isEqualTo(3);
        assertThat(state.slotOf("c")).isNegative();
    }

    @Test
    void shouldRestoreEntriesWithoutReportingThemAsChanges() {
        LongKeyedState<String> state = new LongKeyedState<>();
        for (int k = 0; k < 5000; k++) {
            state.restore("k" + k, (long) k);
        }
        assertThat(state.numRows()).isEqualTo(5000);
        assertThat(state.valueAt(state.slotOf("k4321"))).isEqualTo(4321);
        assertThat(state.takeChanges().size()).isZero();
    }

    /** Why this state exists: a boxed map would allocate a Long per update (16 MB for a million). */
    @Test
    void shouldUpdateExistingKeysWithoutAllocating() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        LongKeyedState<Long> state = new LongKeyedState<>();
        Long[] keys = new Long[10_000];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = (long) k + 1_000_000;
            state.insert(keys[k], 0);
        }
        state.takeChanges(); // the next epoch's change buffer is now sized for every key
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++) {
            int slot = state.slotOf(keys[i % keys.length]);
            state.set(slot, state.valueAt(slot) + 1);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by a million updates").isLessThan(100_000);
        assertThat(state.valueAt(state.slotOf(keys[0]))).isEqualTo(100);
    }

    @Test
    void shouldReuseTheChangeBufferTheWriterHandedBack() {
        LongKeyedState<String> state = new LongKeyedState<>();
        state.insert("a", 1);
        StateChanges first = state.takeChanges();
        first.release();
        state.set(state.slotOf("a"), 2);
        StateChanges second = state.takeChanges();
        state.set(state.slotOf("a"), 3);
        assertThat(state.takeChanges()).as("the released buffer records the third epoch").isSameAs(first);
        assertThat(ChangedEntries.of(second)).isEqualTo(Map.of("a", 2L));
    }
}
