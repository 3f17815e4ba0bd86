package io.streamline.engine.state;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateCodecTest {
    record Point(int x, String label) implements Serializable {
    }

    record NotSerializable(int x) {
    }

    @Test
    void shouldRoundTripCommonKeysAndSerializableValues() {
        for (Object value : List.of("héllo", 42L, 7, 2.5, true, new Point(3, "p"))) {
            assertThat(StateCodec.decode(StateCodec.encode(value))).isEqualTo(value);
        }
        assertThat(StateCodec.decode(StateCodec.encode(null))).isNull();
    }

    /** Snapshots written before the reusable-buffer encoder must still read: tag byte, then big-endian bytes. */
    @Test
    void shouldKeepTheSnapshotByteFormat() {
        assertThat(StateCodec.encode(258L)).containsExactly(2, 0, 0, 0, 0, 0, 0, 1, 2);
        assertThat(StateCodec.encode(258)).containsExactly(3, 0, 0, 1, 2);
        assertThat(StateCodec.encode("é")).containsExactly(1, 0xC3, 0xA9);
        assertThat(StateCodec.encode(true)).containsExactly(5, 1);
    }

    @Test
    void shouldEncodeIntoAReusedBufferAsIntoAFreshArray() {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4);
        for (Object value : List.of("a longer string than the buffer", 42L, 7, new Point(3, "p"), "x")) {
            int length = StateCodec.encode(value, buffer);
            assertThat(Arrays.copyOf(buffer.byteArray(), length)).isEqualTo(StateCodec.encode(value));
        }
        int length = StateCodec.encodeLong(-1, buffer);
        assertThat(StateCodec.decode(Arrays.copyOf(buffer.byteArray(), length))).isEqualTo(-1L);
    }

    @Test
    void shouldExplainWhyAValueCannotBeCheckpointed() {
        assertThatThrownBy(() -> StateCodec.encode(new NotSerializable(1)))
                .hasMessageContaining("cannot be checkpointed").hasMessageContaining("Serializable");
    }
}
