package io.streamline.bench.jmh;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.streamline.engine.config.EngineConfig;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.runtime.Envelope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two shapes of the key-partitioned exchange, into one consumer (an instance of a keyed operator) fed by two
 * producers (upstream instances), as the engine's rings carry records: {@code singleProducerRings}, one
 * single-producer ring per producer, polled in turn by the consumer (what {@code KeyExchange} uses), against
 * {@code multiProducerRing}, one multi-producer ring that both producers claim slots of with a CAS. The score is
 * the time per published record in each producer thread, the consumer draining on a thread of its own; the
 * producers' claims contend in the second shape, and a full ring makes them wait for the consumer in both.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExchangeBenchmark {
    private static final int PRODUCERS = 2;

    /** The rings of one shape, and the consumer thread draining them. */
    @State(Scope.Group)
    public static class Rings {
        final AtomicInteger producers = new AtomicInteger();
        final Long value = 4_096L;
        RingBuffer<Envelope>[] rings;
        private Thread consumer;
        private volatile boolean running;

        @SuppressWarnings("unchecked")
        void start(boolean singleProducer) {
            int count = singleProducer ? PRODUCERS : 1;
            rings = new RingBuffer[count];
            EventPoller<Envelope>[] pollers = new EventPoller[count];
            for (int i = 0; i < count; i++) {
                rings[i] = singleProducer
                        ? RingBuffer.createSingleProducer(Envelope::new, EngineConfig.DEFAULT_RING_SIZE, new YieldingWaitStrategy())
                        : RingBuffer.createMultiProducer(Envelope::new, EngineConfig.DEFAULT_RING_SIZE, new YieldingWaitStrategy());
                pollers[i] = rings[i].newPoller();
                rings[i].addGatingSequences(pollers[i].getSequence());
            }
            running = true;
            consumer = new Thread(() -> drain(pollers), "exchange-consumer");
            consumer.setDaemon(true);
            consumer.start();
        }

        private void drain(EventPoller<Envelope>[] pollers) {
            long[] sink = new long[1];
            EventPoller.Handler<Envelope> handler = (event, sequence, endOfBatch) -> {
                sink[0] += event.ingestNanos();
                return true;
            };
            try {
                while (running) {
                    boolean any = false;
                    for (EventPoller<Envelope> poller : pollers) {
                        any |= poller.poll(handler) == EventPoller.PollState.PROCESSING;
                    }
                    if (!any) {
                        Thread.onSpinWait();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            running = false;
            consumer.join();
        }
    }

    /** {@link Rings} with one single-producer ring per producer. */
    public static class SingleProducerRings extends Rings {
        @Setup(Level.Trial)
        public void setUp() {
            start(true);
        }
    }

    /** {@link Rings} with one multi-producer ring. */
    public static class MultiProducerRing extends Rings {
        @Setup(Level.Trial)
        public void setUp() {
            start(false);
        }
    }

    /** A producer thread's ring, in the single-producer shape. */
    @State(Scope.Thread)
    public static class Producer {
        int index = -1;
    }

    @Benchmark
    @Group("singleProducerRings")
    @GroupThreads(PRODUCERS)
    public void singleProducerRings(SingleProducerRings rings, Producer producer) {
        if (producer.index < 0) {
            producer.index = rings.producers.getAndIncrement() % PRODUCERS;
        }
        publish(rings.rings[producer.index], rings.value);
    }

    @Benchmark
    @Group("multiProducerRing")
    @GroupThreads(PRODUCERS)
    public void multiProducerRing(MultiProducerRing rings) {
        publish(rings.rings[0], rings.value);
    }

    private static void publish(RingBuffer<Envelope> ring, Long value) {
        long sequence;
        while (true) {
            try {
                sequence = ring.tryNext();
                break;
            } catch (InsufficientCapacityException full) {
                Thread.onSpinWait(); // the consumer is behind: wait as RingPublisher does
            }
        }
        ring.get(sequence).setRecord(value, System.nanoTime(), RecordMeta.NO_EVENT_TIME, 0);
        ring.publish(sequence);
    }
}
