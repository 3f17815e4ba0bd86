package io.streamline.engine.runtime;

import io.streamline.engine.operator.Watermarks;

import java.util.Arrays;

/**
 * Aligns epoch markers across the ring inputs of a fan-in task: once an input has delivered marker {@code e}
 * it is held (not polled) until every live input has delivered {@code e}; then the marker goes on once, with
 * every input's watermark, and all inputs are released. So every record that follows marker {@code e} on any
 * input lands in epoch {@code e + 1}. Single-threaded: the task's.
 */
public final class MarkerAligner {
    private final AlignedMarkers target;
    private final boolean[] held;
    private final boolean[] ended;
    private final long[] watermarks;
    private int heldCount;
    private int liveCount;
    private long pendingEpoch = -1;

    /** @param inputs number of inputs; {@code target} receives the aligned markers */
    public MarkerAligner(int inputs, AlignedMarkers target) {
        this.target = target;
        this.held = new boolean[inputs];
        this.ended = new boolean[inputs];
        this.watermarks = new long[inputs];
        Arrays.fill(watermarks, Watermarks.NONE);
        this.liveCount = inputs;
    }

    /** Whether {@code input} must not be polled until the others catch up. */
    public boolean isHeld(int input) {
        return held[input] || ended[input];
    }

    /** Input {@code input} delivered the marker of {@code epoch}, carrying {@code watermark}. */
    public void onMarker(int input, long epoch, long watermark) {
        if (pendingEpoch >= 0 && epoch != pendingEpoch) {
            throw new IllegalStateException("input " + input + " delivered marker " + epoch + " while aligning epoch " + pendingEpoch);
        }
        if (held[input]) {
            throw new IllegalStateException("input " + input + " delivered marker " + epoch + " twice");
        }
        pendingEpoch = epoch;
        held[input] = true;
        watermarks[input] = watermark;
        heldCount++;
        releaseIfAligned();
    }

    /** Input {@code input} ended; it no longer takes part in alignment. */
    public void onEnd(int input) {
        ended[input] = true;
        if (held[input]) {
            held[input] = false;
            heldCount--;
        }
        watermarks[input] = Watermarks.IDLE; // an ended input holds nothing back
        liveCount--;
        if (liveCount == 0) {
            target.onAllEnded();
        } else {
            releaseIfAligned();
        }
    }

    private void releaseIfAligned() {
        if (heldCount > 0 && heldCount == liveCount) {
            Arrays.fill(held, false);
            heldCount = 0;
            long epoch = pendingEpoch;
            pendingEpoch = -1;
            target.onAlignedMarker(epoch, watermarks);
        }
    }
}
