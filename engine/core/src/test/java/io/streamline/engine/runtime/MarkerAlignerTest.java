package io.streamline.engine.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarkerAlignerTest {
    private final RecordingDownstream out = new RecordingDownstream();
    private final MarkerAligner aligner = new MarkerAligner(2, out);

    @Test
    void shouldHoldAnInputAfterItsMarkerUntilEveryInputDeliveredIt() {
        aligner.onMarker(0, 7);
        assertThat(aligner.isHeld(0)).isTrue();
        assertThat(aligner.isHeld(1)).isFalse();
        assertThat(out.events).isEmpty();

        aligner.onMarker(1, 7);
        assertThat(out.events).containsExactly("marker 7");
        assertThat(aligner.isHeld(0)).isFalse();
        assertThat(aligner.isHeld(1)).isFalse();
    }

    @Test
    void shouldStopWaitingForAnEndedInput() {
        aligner.onMarker(0, 1);
        aligner.onEnd(1);
        assertThat(out.events).containsExactly("marker 1");
        aligner.onMarker(0, 2);
        assertThat(out.events).containsExactly("marker 1", "marker 2");
        aligner.onEnd(0);
        assertThat(out.events).endsWith("end");
    }

    @Test
    void shouldForwardTheMinimumWatermarkOfLiveInputs() {
        aligner.onWatermark(0, 100);
        assertThat(out.events).isEmpty();
        aligner.onWatermark(1, 50);
        aligner.onWatermark(1, 120);
        assertThat(out.events).containsExactly("watermark 50", "watermark 100");
    }

    @Test
    void shouldRefuseMismatchedEpochs() {
        aligner.onMarker(0, 3);
        assertThatThrownBy(() -> aligner.onMarker(1, 4)).hasMessageContaining("while aligning epoch 3");
    }
}
