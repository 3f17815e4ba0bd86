package io.streamline.engine.state;

import io.streamline.engine.operator.StateChanges;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The changes a state hands to the checkpoint, as a map, for tests to compare. */
public final class ChangedEntries {
    /** Stands for a removed entry in {@link #of}. */
    public static final String REMOVED = "REMOVED";

    private ChangedEntries() {
    }

    /**
     * Each changed key to its value (an encoded value decoded, a long boxed) or to {@link #REMOVED}; asserts that each
     * key is visited once and that the changes' size counts them.
     */
    public static Map<Object, Object> of(StateChanges changes) {
        Map<Object, Object> seen = new HashMap<>();
        changes.forEach(new StateChanges.Visitor() {
            @Override
            public void changed(Object key, Object value) {
                assertThat(seen.put(key, value)).as("key visited once").isNull();
            }

            @Override
            public void changedLong(Object key, long value) {
                changed(key, value);
            }

            @Override
            public void changedEncoded(Object key, byte[] value) {
                changed(key, StateCodec.decode(value));
            }

            @Override
            public void removed(Object key) {
                changed(key, REMOVED);
            }
        });
        assertThat(changes.size()).isEqualTo(seen.size());
        return seen;
    }
}
