package io.streamline.bench;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.streamline.engine.config.IdleMode;
import io.streamline.engine.progress.LatencyRecorder;
import io.streamline.engine.progress.StreamingQueryProgress;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.IdleStrategy;

import java.util.List;

/**
 * The floor the engine is compared against: the same paced generator on its own thread publishing into
 * one bare single-producer Disruptor ring, and a consumer thread that polls it with the engine's idle
 * strategy and records each record's latency with the engine's recorder. One hop and nothing else: no
 * operators, no epochs, no journal.
 */
final class RawRingHop implements RunningWorkload {
    private final RingBuffer<Slot> ring;
    private final ValuePool values;
    private final long ratePerSecond;
    private final IdleMode idleMode;
    private final LatencyRecorder latency = new LatencyRecorder();
    private final Histogram delivered = LatencyRecorder.newHistogram();
    private final Thread generator;
    private final Thread consumer;
    private volatile boolean running = true;

    /** A preallocated ring slot. */
    private static final class Slot {
        Object value;
        long intendedNanos;
    }

    private RawRingHop(long ratePerSecond, IdleMode idleMode, int ringSize, ValuePool values) {
        this.ratePerSecond = ratePerSecond;
        this.idleMode = idleMode;
        this.values = values;
        // The wait strategy is never used to wait (the consumer polls), as in the engine's RecordRing.
        this.ring = RingBuffer.createSingleProducer(Slot::new, ringSize, new YieldingWaitStrategy());
        EventPoller<Slot> poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        this.generator = new Thread(this::generate, "raw-ring-generator");
        this.consumer = new Thread(new Consumer(poller), "raw-ring-consumer");
    }

    /** Starts both threads. */
    static RawRingHop start(long ratePerSecond, IdleMode idleMode, int ringSize, ValuePool values) {
        RawRingHop hop = new RawRingHop(ratePerSecond, idleMode, ringSize, values);
        hop.consumer.start();
        hop.generator.start();
        return hop;
    }

    /** Spins to each record's instant (parking would overshoot by ~50 µs here), then publishes it. */
    private void generate() {
        Pacer pacer = new Pacer(System.nanoTime(), ratePerSecond);
        for (long k = 0; running; k++) {
            long due = pacer.dueNanos(k);
            while (System.nanoTime() < due) {
                if (!running) {
                    return;
                }
                Thread.onSpinWait();
            }
            long sequence = claim();
            if (sequence < 0) {
                return;
            }
            Slot slot = ring.get(sequence);
            slot.value = values.at(k);
            slot.intendedNanos = due;
            ring.publish(sequence);
        }
    }

    /** The next free slot, spinning while the ring is full; -1 once stopping. */
    private long claim() {
        while (running) {
            try {
                return ring.tryNext();
            } catch (InsufficientCapacityException full) {
                Thread.onSpinWait();
            }
        }
        return -1;
    }

    /** Polls the ring from a duty cycle, like an engine task polling its input ring. */
    private final class Consumer implements Runnable, EventPoller.Handler<Slot> {
        private final EventPoller<Slot> poller;
        private int polled;

        Consumer(EventPoller<Slot> poller) {
            this.poller = poller;
        }

        @Override
        public void run() {
            IdleStrategy idle = idleMode.newStrategy();
            while (running) {
                polled = 0;
                try {
                    poller.poll(this);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                idle.idle(polled);
            }
        }

        @Override
        public boolean onEvent(Slot slot, long sequence, boolean endOfBatch) {
            latency.record(System.nanoTime() - slot.intendedNanos);
            polled++;
            return true;
        }
    }

    @Override
    public synchronized Histogram latencyHistogram() {
        latency.drainInto(delivered);
        return delivered.copy();
    }

    @Override
    public List<StreamingQueryProgress> recentProgress() {
        return List.of();
    }

    @Override
    public long epochMillis() {
        return 0;
    }

    @Override
    public String describe() {
        return "raw-ring: thread " + generator.getName() + " (spin-paced) -> Disruptor ring (" + ring.getBufferSize()
                + " slots) -> thread " + consumer.getName() + " (idle strategy " + idleMode + ") recording latency";
    }

    @Override
    public void close() {
        running = false;
        try {
            generator.join();
            consumer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
