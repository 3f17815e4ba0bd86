package io.streamline.engine.runtime;

import io.streamline.engine.operator.Watermarks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The combination rules of a fan-in's watermarks: Spark's within a withWatermark, partitions' own otherwise, min across. */
class WatermarkMergeTest {
    private static final long NONE = Watermarks.NONE;
    private static final long IDLE = Watermarks.IDLE;

    @Test
    void shouldTakeTheLargestOverTheInstancesOfOneWithWatermark() {
        WatermarkMerge merge = new WatermarkMerge();
        merge.addInput("withWatermark", true, 0);
        merge.addInput("withWatermark", true, 0);
        assertThat(merge.merge(new long[]{100, 300})).isEqualTo(300);
        assertThat(merge.merge(new long[]{NONE, 300})).as("a partition without data yet").isEqualTo(300);
        assertThat(merge.merge(new long[]{NONE, NONE})).isEqualTo(NONE);
    }

    @Test
    void shouldTakeTheSmallestOverTheLivePartitionsOfAStreamWithWatermarksOfItsOwn() {
        WatermarkMerge merge = new WatermarkMerge();
        merge.addInput("source", false, 0);
        merge.addInput("source", false, 0);
        assertThat(merge.merge(new long[]{100, 300})).isEqualTo(100);
        assertThat(merge.merge(new long[]{IDLE, 300})).as("an idle partition is left out").isEqualTo(300);
        assertThat(merge.merge(new long[]{NONE, 300})).as("a partition without progress holds the rest back").isEqualTo(NONE);
        assertThat(merge.merge(new long[]{IDLE, IDLE})).isEqualTo(IDLE);
    }

    @Test
    void shouldTakeTheSmallestAcrossStreamsLeavingOutStreamsWithoutAWatermark() {
        WatermarkMerge merge = new WatermarkMerge();
        merge.addInput("left", true, 0);
        merge.addInput("left", true, 0);
        merge.addInput("right", true, 1);
        assertThat(merge.merge(new long[]{100, 500, 300})).isEqualTo(300);
        assertThat(merge.merge(new long[]{100, 500, NONE})).isEqualTo(500);
        assertThat(merge.merge(new long[]{100, 500, 300}, 0)).as("the first side alone").isEqualTo(500);
        assertThat(merge.merge(new long[]{100, 500, 300}, 1)).as("the second side alone").isEqualTo(300);
    }
}
