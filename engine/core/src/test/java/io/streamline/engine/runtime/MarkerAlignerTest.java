package io.streamline.engine.runtime;

import io.streamline.engine.operator.Watermarks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarkerAlignerTest {
    private final RecordingDownstream out = new RecordingDownstream();
    private final WatermarkMerge merge = new WatermarkMerge();
    private final MarkerAligner aligner = new MarkerAligner(2, new MergingHead(out, merge));

    MarkerAlignerTest() {
        merge.addInput("a", false, 0);
        merge.addInput("b", false, 0);
    }

    @Test
    void shouldHoldAnInputAfterItsMarkerUntilEveryInputDeliveredIt() {
        aligner.onMarker(0, 7, Watermarks.NONE);
        assertThat(aligner.isHeld(0)).isTrue();
        assertThat(aligner.isHeld(1)).isFalse();
        assertThat(out.events).isEmpty();

        aligner.onMarker(1, 7, Watermarks.NONE);
        assertThat(out.events).containsExactly("marker 7");
        assertThat(aligner.isHeld(0)).isFalse();
        assertThat(aligner.isHeld(1)).isFalse();
    }

    @Test
    void shouldStopWaitingForAnEndedInput() {
        aligner.onMarker(0, 1, Watermarks.NONE);
        aligner.onEnd(1);
        assertThat(out.events).containsExactly("marker 1");
        aligner.onMarker(0, 2, Watermarks.NONE);
        assertThat(out.events).containsExactly("marker 1", "marker 2");
        aligner.onEnd(0);
        assertThat(out.events).endsWith("end");
    }

    @Test
    void shouldPassTheMinimumWatermarkOfTwoStreamsOnlyWithTheAlignedMarker() {
        aligner.onMarker(0, 0, 100);
        assertThat(out.events).as("nothing before the marker is aligned").isEmpty();
        aligner.onMarker(1, 0, 50);
        aligner.onMarker(1, 1, 120);
        aligner.onMarker(0, 1, 130);
        assertThat(out.events).containsExactly("marker 0 wm 50", "marker 1 wm 120");
    }

    @Test
    void shouldNeverPassALowerWatermarkThanBefore() {
        aligner.onMarker(0, 0, 100);
        aligner.onMarker(1, 0, 100);
        aligner.onMarker(0, 1, 40); // a restarted input may report less
        aligner.onMarker(1, 1, 100);
        assertThat(out.events).containsExactly("marker 0 wm 100", "marker 1 wm 100");
    }

    @Test
    void shouldRefuseMismatchedEpochsAndASecondMarkerFromOneInput() {
        aligner.onMarker(0, 3, Watermarks.NONE);
        assertThatThrownBy(() -> aligner.onMarker(1, 4, Watermarks.NONE)).hasMessageContaining("while aligning epoch 3");
        assertThatThrownBy(() -> aligner.onMarker(0, 3, Watermarks.NONE)).hasMessageContaining("twice");
    }
}
