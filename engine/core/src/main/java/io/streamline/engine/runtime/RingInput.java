package io.streamline.engine.runtime;

import com.lmax.disruptor.EventPoller;

/**
 * A ring from an upstream task, polled from this task's duty cycle. Records go straight to their destination
 * with the ring slot itself as their metadata (no copy), unboxed keyed longs as such; markers and ends go to the
 * {@link MarkerAligner}.
 */
public final class RingInput implements TaskInput, EventPoller.Handler<Envelope> {
    private final RecordRing ring;
    private final EventPoller<Envelope> poller;
    private final int index;
    private final MarkerAligner aligner;
    private final Downstream records;
    private int limit;
    private int polled;

    /**
     * @param ring    the ring to consume; this input must be its only consumer
     * @param index   this input's position among the task's inputs, for alignment
     * @param aligner shared by all ring inputs of the task
     * @param records where this input's records go (the fan-in's chain, or one side of a two-input operator)
     */
    public RingInput(RecordRing ring, int index, MarkerAligner aligner, Downstream records) {
        this.ring = ring;
        this.poller = ring.poller();
        this.index = index;
        this.aligner = aligner;
        this.records = records;
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
                records.onRecord(event.value(), event);
                return polled < limit;
            }
            case KEYED_LONG -> {
                records.onKeyedLong(event.value(), event.longValue(), event);
                return polled < limit;
            }
            case EPOCH_MARKER -> {
                aligner.onMarker(index, event.epoch(), event.watermark());
                return false; // this input may now be held: stop reading it
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
