package io.streamline.engine.runtime;

import java.util.Arrays;

/**
 * Aligns epoch markers across the inputs of a fan-in task: once an input has delivered marker {@code e}
 * it is held (not polled) until every live input has delivered {@code e}; then the marker goes downstream
 * once and all inputs are released. So every record that follows marker {@code e} on any input lands in
 * epoch {@code e + 1}. Watermarks are merged as the minimum over live inputs. Single-threaded: the task's.
 */
public final class MarkerAligner {
    private final Downstream chain;
    private final boolean[] held;
    private final boolean[] ended;
    private final long[] watermarks;
    private int heldCount;
    private int liveCount;
    private long pendingEpoch = -1;
    private long emittedWatermark = Long.MIN_VALUE;

    /** @param inputs number of inputs; {@code chain} receives the aligned stream */
    public MarkerAligner(int inputs, Downstream chain) {
        this.chain = chain;
        this.held = new boolean[inputs];
        this.ended = new boolean[inputs];
        this.watermarks = new long[inputs];
        Arrays.fill(watermarks, Long.MIN_VALUE);
        this.liveCount = inputs;
    }

    /** Whether {@code input} must not be polled until the others catch up. */
    public boolean isHeld(int input) {
        return held[input] || ended[input];
    }

    /** Input {@code input} delivered marker {@code epoch}. */
    public void onMarker(int input, long epoch) {
        if (pendingEpoch >= 0 && epoch != pendingEpoch) {
            throw new IllegalStateException("input " + input + " delivered marker " + epoch + " while aligning epoch " + pendingEpoch);
        }
        pendingEpoch = epoch;
        held[input] = true;
        heldCount++;
        releaseIfAligned();
    }

    /** Input {@code input} advanced its watermark. */
    public void onWatermark(int input, long watermark) {
        watermarks[input] = Math.max(watermarks[input], watermark);
        emitMinimumWatermark();
    }

    /** Input {@code input} ended; it no longer takes part in alignment. */
    public void onEnd(int input) {
        ended[input] = true;
        if (held[input]) {
            held[input] = false;
            heldCount--;
        }
        liveCount--;
        if (liveCount == 0) {
            chain.onEnd();
        } else {
            releaseIfAligned();
            emitMinimumWatermark();
        }
    }

    private void releaseIfAligned() {
        if (heldCount > 0 && heldCount == liveCount) {
            Arrays.fill(held, false);
            heldCount = 0;
            long epoch = pendingEpoch;
            pendingEpoch = -1;
            chain.onEpochMarker(epoch);
        }
    }

    private void emitMinimumWatermark() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < watermarks.length; i++) {
            if (!ended[i]) {
                min = Math.min(min, watermarks[i]);
            }
        }
        if (min != Long.MAX_VALUE && min > emittedWatermark) {
            emittedWatermark = min;
            chain.onWatermark(min);
        }
    }
}
