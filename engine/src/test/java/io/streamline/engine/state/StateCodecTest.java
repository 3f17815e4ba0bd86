package io.streamline.engine.state;

import org.junit.jupiter.api.Test;

import java.io.Serializable;
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

    @Test
    void shouldExplainWhyAValueCannotBeCheckpointed() {
        assertThatThrownBy(() -> StateCodec.encode(new NotSerializable(1)))
                .hasMessageContaining("cannot be checkpointed").hasMessageContaining("Serializable");
    }
}
