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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
 *
 * <p>Batching, in the engine's shape (single-producer rings): {@code claimPerRecord} claims and publishes each of
 * {@value #BATCH} records on its own, as {@code RingPublisher} does, against {@code batchClaim}, which claims the
 * {@value #BATCH} slots with one {@code tryNext(n)} and publishes them with one {@code publish(lo, hi)}, as an exchange
 * would if it held the records one source poll made ready. Both are scored per record; the {@code ...ThenPoll}
 * variants publish and poll on one thread, which is the cost of the claims without the neighbours' scheduling.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExchangeBenchmark {
    private static final int PRODUCERS = 2;
    /** Records per claim in the batched shape: what one source poll typically holds at 100k-1M rec/s. */
    static final int BATCH = 8;

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

        /** This thread's ring among {@code rings}', chosen on its first call. */
        int index(Rings rings) {
            if (index < 0) {
                index = rings.producers.getAndIncrement() % PRODUCERS;
            }
            return index;
        }
    }

    @Benchmark
    @Group("singleProducerRings")
    @GroupThreads(PRODUCERS)
    public void singleProducerRings(SingleProducerRings rings, Producer producer) {
        publish(rings.rings[producer.index(rings)], rings.value);
    }

    @Benchmark
    @Group("multiProducerRing")
    @GroupThreads(PRODUCERS)
    public void multiProducerRing(MultiProducerRing rings) {
        publish(rings.rings[0], rings.value);
    }

    @Benchmark
    @Group("claimPerRecord")
    @GroupThreads(PRODUCERS)
    @OperationsPerInvocation(BATCH)
    public void claimPerRecord(SingleProducerRings rings, Producer producer) {
        RingBuffer<Envelope> ring = rings.rings[producer.index(rings)];
        for (int i = 0; i < BATCH; i++) {
            publish(ring, rings.value);
        }
    }

    @Benchmark
    @Group("batchClaim")
    @GroupThreads(PRODUCERS)
    @OperationsPerInvocation(BATCH)
    public void batchClaim(SingleProducerRings rings, Producer producer) {
        publishBatch(rings.rings[producer.index(rings)], rings.value);
    }

    /** One single-producer ring published into and polled on the same thread: the claims' cost alone. */
    @State(Scope.Thread)
    public static class OneThreadRing {
        final Long value = 4_096L;
        RingBuffer<Envelope> ring;
        EventPoller<Envelope> poller;
        final EventPoller.Handler<Envelope> handler = (event, sequence, endOfBatch) -> true;

        @Setup(Level.Trial)
        public void setUp() {
            ring = RingBuffer.createSingleProducer(Envelope::new, EngineConfig.DEFAULT_RING_SIZE, new YieldingWaitStrategy());
            poller = ring.newPoller();
            ring.addGatingSequences(poller.getSequence());
        }

        void drain() throws Exception {
            poller.poll(handler);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void claimPerRecordThenPoll(OneThreadRing one) throws Exception {
        for (int i = 0; i < BATCH; i++) {
            publish(one.ring, one.value);
        }
        one.drain();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void batchClaimThenPoll(OneThreadRing one) throws Exception {
        publishBatch(one.ring, one.value);
        one.drain();
    }

    private static void publish(RingBuffer<Envelope> ring, Long value) {
        long sequence = claim(ring, 1);
        ring.get(sequence).setRecord(value, System.nanoTime(), RecordMeta.NO_EVENT_TIME, 0);
        ring.publish(sequence);
    }

    /** {@value #BATCH} records, claimed and published together. */
    private static void publishBatch(RingBuffer<Envelope> ring, Long value) {
        long hi = claim(ring, BATCH);
        long lo = hi - (BATCH - 1);
        for (long sequence = lo; sequence <= hi; sequence++) {
            ring.get(sequence).setRecord(value, System.nanoTime(), RecordMeta.NO_EVENT_TIME, 0);
        }
        ring.publish(lo, hi);
    }

    /** The last of {@code n} slots, waiting while the ring is full as {@code RingPublisher} does. */
    private static long claim(RingBuffer<Envelope> ring, int n) {
        while (true) {
            try {
                return ring.tryNext(n);
            } catch (InsufficientCapacityException full) {
                Thread.onSpinWait(); // the consumer is behind
            }
        }
    }
}
