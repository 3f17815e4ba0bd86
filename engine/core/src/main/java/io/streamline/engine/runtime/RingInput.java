package io.streamline.engine.runtime;

import com.lmax.disruptor.EventPoller;

/**
 * A ring from an upstream task, polled from this task's duty cycle. Records go straight into the chain
 * with the ring slot itself as their metadata (no copy); control messages go to the {@link MarkerAligner}.
 */
public final class RingInput implements TaskInput, EventPoller.Handler<Envelope> {
    private final RecordRing ring;
    private final EventPoller<Envelope> poller;
    private final int index;
    private final MarkerAligner aligner;
    private final Downstream chain;
    private int limit;
    private int polled;

    /**
     * @param ring    the ring to consume; this input must be its only consumer
     * @param index   this input's position among the task's inputs, for alignment
     * @param aligner shared by all ring inputs of the task
     * @param chain   the task's fused chain
     */
    public RingInput(RecordRing ring, int index, MarkerAligner aligner, Downstream chain) {
        this.ring = ring;
        this.poller = ring.poller();
        this.index = index;
        this.aligner = aligner;
        this.chain = chain;
    }

    @Override
    public int poll(int limit) {
        if (aligner.isHeld(index)) {
            return 0;
        }
        this.limit = limit;
        this.polled = 0;
        try {
            poller.poll(this);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return polled;
    }

    @Override
    public boolean onEvent(Envelope event, long sequence, boolean endOfBatch) {
        polled++;
        switch (event.kind()) {
            case RECORD -> {
                chain.onRecord(event.value(), event);
                return polled < limit;
            }
            case EPOCH_MARKER -> {
                aligner.onMarker(index, event.epoch());
                return false; // this input may now be held: stop reading it
            }
            case WATERMARK -> {
                aligner.onWatermark(index, event.eventTime());
                return polled < limit;
            }
            default -> {
                aligner.onEnd(index);
                return false;
            }
        }
    }

    @Override
    public String describe() {
        return "ring '" + ring.name() + "' (" + ring.capacity() + " slots)";
    }
}
