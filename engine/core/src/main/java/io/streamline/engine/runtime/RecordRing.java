package io.streamline.engine.runtime;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * A single-producer, single-consumer Disruptor ring of preallocated {@link Envelope}s at a task boundary.
 * The consumer does not own a thread: it polls with an {@link EventPoller} from inside its task's duty
 * cycle, so one thread can serve several inputs and hold one back while markers are aligned.
 */
public final class RecordRing {
    private final String name;
    private final RingBuffer<Envelope> ring;
    private final EventPoller<Envelope> poller;

    /**
     * @param name     shown by {@code explain()}
     * @param capacity slots, a power of two
     */
    public RecordRing(String name, int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two, got " + capacity);
        }
        this.name = name;
        // The wait strategy is never used for waiting (consumers poll), only to signal; yielding costs nothing here.
        this.ring = RingBuffer.createSingleProducer(Envelope::new, capacity, new YieldingWaitStrategy());
        this.poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
    }

    public String name() {
        return name;
    }

    public int capacity() {
        return ring.getBufferSize();
    }

    RingBuffer<Envelope> buffer() {
        return ring;
    }

    EventPoller<Envelope> poller() {
        return poller;
    }
}
