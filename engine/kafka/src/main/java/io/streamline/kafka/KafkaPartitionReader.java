package io.streamline.kafka;

import io.streamline.engine.source.SourceOutput;
import io.streamline.engine.source.SourceReader;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One source partition of the Kafka source: the Kafka partitions it owns, read by its {@link PartitionFetcher}
 * thread and emitted here on the task's thread, which never waits for Kafka. Its offset is Spark's offset JSON of
 * those Kafka partitions ({@code {"topic":{"0":42}}}), so the engine's commit records hold every Kafka partition's
 * position and a restart seeks there.
 */
final class KafkaPartitionReader implements SourceReader<KafkaRecord> {
    /** Chunks the fetcher may have handed over and the reader not yet taken. */
    private static final int QUEUE_CHUNKS = 256;
    /** Records taken from the queue and not yet emitted, at most (micro-batch plans keep records buffered). */
    private static final int MAX_BUFFERED = 200_000;

    private final KafkaSource source;
    private final int slot;
    private final Map<TopicPartition, Long> committed;
    private final OneToOneConcurrentArrayQueue<FetchedChunk> queue = new OneToOneConcurrentArrayQueue<>(QUEUE_CHUNKS);
    private final Map<TopicPartition, PartitionState> states = new TreeMap<>(PartitionOffsets.ORDER);
    private final List<PartitionState> order = new ArrayList<>();
    private volatile Set<TopicPartition> known = Set.of();
    /** Where each Kafka partition ends ({@code endingOffsets}, resolved at the start), or {@code null}. */
    private Map<TopicPartition, Long> ending;
    private PartitionFetcher fetcher;
    private KafkaConsumer<byte[], byte[]> metadata;
    private boolean started;
    private RuntimeException failure;
    private int buffered;
    private int next;
    private String offsetText;
    private boolean moved = true;

    /** One Kafka partition's position and the chunks of it taken from the queue, in order. */
    private static final class PartitionState {
        final TopicPartition tp;
        final long end;
        final ArrayDeque<FetchedChunk> chunks = new ArrayDeque<>();
        /** Where the source's lag metrics learn this partition's position. */
        final ConsumerLag.Partition lag;
        long position;
        int index;

        PartitionState(TopicPartition tp, long position, long end, ConsumerLag.Partition lag) {
            this.tp = tp;
            this.position = position;
            this.end = end;
            this.lag = lag;
            lag.read(position);
        }
    }

    KafkaPartitionReader(KafkaSource source, int slot, Map<TopicPartition, Long> committed) {
        this.source = source;
        this.slot = slot;
        this.committed = committed;
    }

    /**
     * Resolves the starting positions and starts the fetcher, at the first call after the query opened every source
     * partition (each partition's committed Kafka partitions are known to all by then).
     */
    private synchronized void ensureStarted() {
        if (started) {
            return;
        }
        started = true;
        Map<TopicPartition, Long> positions = source.initialPositions(slot, committed);
        ending = source.endingPositions(positions.keySet());
        positions.forEach((tp, p) -> addState(tp, p, ending == null ? Long.MAX_VALUE : ending.getOrDefault(tp, Long.MAX_VALUE)));
        fetcher = new PartitionFetcher("kafka-fetcher-" + source.name() + "-" + slot, source.consumerProperties(), positions,
                ending, ending == null ? source.discovery() : null, tp -> source.owner(tp) == slot, source.failOnDataLoss(), queue,
                source.lag());
        fetcher.start();
    }

    private PartitionState addState(TopicPartition tp, long position, long end) {
        PartitionState st = new PartitionState(tp, position, end, source.lag().track(tp));
        states.put(tp, st);
        order.clear();
        order.addAll(states.values());
        known = Set.copyOf(states.keySet());
        moved = true;
        return st;
    }

    @Override
    public int poll(SourceOutput<KafkaRecord> out, int maxRecords) {
        ensureStarted();
        drain();
        return emit(out, maxRecords, null);
    }

    @Override
    public String offset() {
        ensureStarted();
        if (moved) {
            Map<TopicPartition, Long> positions = new HashMap<>();
            states.forEach((tp, st) -> {
                positions.put(tp, st.position);
                st.lag.read(st.position); // asked at every epoch marker and batch end: the lag's reading end
            });
            offsetText = PartitionOffsets.format(positions);
            moved = false;
        }
        return offsetText;
    }

    /** Takes what the fetcher handed over, up to {@link #MAX_BUFFERED} records; rethrows its failure. */
    private void drain() {
        if (failure != null) {
            throw failure;
        }
        FetchedChunk c;
        while (buffered < MAX_BUFFERED && (c = queue.poll()) != null) {
            if (c.kind() == FetchedChunk.Kind.FAILED) {
                failure = c.failure();
                throw failure;
            }
            PartitionState st = states.get(c.tp());
            if (st == null) {
                if (c.kind() != FetchedChunk.Kind.RECORDS) {
                    continue;
                }
                st = addState(c.tp(), c.startPosition(), Long.MAX_VALUE); // a new partition the fetcher took
            }
            st.chunks.add(c);
            buffered += c.records().size();
        }
    }

    /**
     * Emits up to {@code max} records, the Kafka partitions in turn, none at or past a partition's end
     * ({@code endingOffsets}) or, for a micro-batch, its planned end in {@code batchEnds}.
     */
    private int emit(SourceOutput<KafkaRecord> out, int max, Map<TopicPartition, Long> batchEnds) {
        int n = 0;
        int idle = 0;
        while (n < max && !order.isEmpty() && idle < order.size()) {
            if (next >= order.size()) {
                next = 0;
            }
            PartitionState st = order.get(next++);
            long limit = batchEnds == null ? st.end : Math.min(st.end, batchEnds.getOrDefault(st.tp, st.position));
            int emitted = emit(st, out, max - n, limit);
            n += emitted;
            idle = emitted == 0 ? idle + 1 : 0;
        }
        return n;
    }

    private int emit(PartitionState st, SourceOutput<KafkaRecord> out, int max, long limit) {
        int n = 0;
        while (n < max) {
            FetchedChunk c = st.chunks.peek();
            if (c == null) {
                return n;
            }
            switch (c.kind()) {
                case RESET -> {
                    st.position = c.nextPosition();
                    source.lost(c.lostRecords());
                    st.chunks.poll();
                    moved = true;
                }
                case REMOVED -> {
                    states.remove(st.tp);
                    source.lag().forget(st.tp);
                    order.remove(st);
                    known = Set.copyOf(states.keySet());
                    next = 0;
                    moved = true;
                    return n;
                }
                default -> {
                    List<ConsumerRecord<byte[], byte[]>> records = c.records();
                    if (st.index < records.size()) {
                        ConsumerRecord<byte[], byte[]> r = records.get(st.index);
                        if (r.offset() >= limit) {
                            if (limit > st.position) {
                                st.position = limit; // nothing but transaction markers or compacted offsets before it
                                moved = true;
                            }
                            return n;
                        }
                        st.index++;
                        buffered--;
                        if (r.offset() >= st.position) {
                            out.emit(toRow(st.tp, r), r.offset(), c.receivedNanos(), r.timestamp());
                            st.position = r.offset() + 1;
                            moved = true;
                            n++;
                        }
                    } else {
                        long after = Math.min(c.nextPosition(), limit);
                        if (after > st.position) {
                            st.position = after;
                            moved = true;
                        }
                        if (c.nextPosition() > limit) {
                            return n; // the chunk's skipped offsets reach past the limit: keep it for the next batch
                        }
                        st.chunks.poll();
                        st.index = 0;
                    }
                }
            }
        }
        return n;
    }

    private KafkaRecord toRow(TopicPartition tp, ConsumerRecord<byte[], byte[]> r) {
        List<KafkaHeader> headers = null;
        if (source.includeHeaders()) {
            headers = new ArrayList<>();
            for (Header h : r.headers()) {
                headers.add(new KafkaHeader(h.key(), h.value()));
            }
        }
        return new KafkaRecord(r.key(), r.value(), tp.topic(), tp.partition(), r.offset(), r.timestamp(), r.timestampType().id,
                headers);
    }

    /**
     * The offsets past at most {@code maxRecords} of the records buffered now, shared among the Kafka partitions in
     * proportion to what each has available (as Spark splits {@code maxOffsetsPerTrigger}).
     */
    @Override
    public String availableOffset(long maxRecords) {
        ensureStarted();
        drain();
        Map<TopicPartition, Long> available = new HashMap<>();
        long total = 0;
        for (PartitionState st : order) {
            long a = simulate(st, Long.MAX_VALUE)[1];
            available.put(st.tp, a);
            total += a;
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (PartitionState st : order) {
            long a = available.get(st.tp);
            long take = total <= maxRecords ? a : (long) Math.floor((double) a * maxRecords / total);
            ends.put(st.tp, simulate(st, take)[0]);
        }
        return PartitionOffsets.format(ends);
    }

    /** Where {@code st} would be after emitting at most {@code take} of its buffered records, and how many it emits. */
    private static long[] simulate(PartitionState st, long take) {
        long position = st.position;
        long taken = 0;
        int index = st.index;
        for (FetchedChunk c : st.chunks) {
            if (c.kind() == FetchedChunk.Kind.RESET) {
                position = c.nextPosition();
                continue;
            }
            if (c.kind() == FetchedChunk.Kind.REMOVED) {
                break;
            }
            List<ConsumerRecord<byte[], byte[]>> records = c.records();
            for (int i = index; i < records.size(); i++) {
                long offset = records.get(i).offset();
                if (offset >= st.end || taken == take) {
                    return new long[]{offset >= st.end ? Math.max(position, st.end) : position, taken};
                }
                if (offset >= position) {
                    position = offset + 1;
                    taken++;
                }
            }
            index = 0;
            position = Math.max(position, Math.min(c.nextPosition(), st.end));
        }
        return new long[]{position, taken};
    }

    /** Emits records up to {@code endOffset}, waiting (this is the micro-batch driver) for the fetcher to bring them. */
    @Override
    public int pollUntil(SourceOutput<KafkaRecord> out, int maxRecords, String endOffset) {
        ensureStarted();
        Map<TopicPartition, Long> ends = PartitionOffsets.parse("offset", endOffset);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(source.pollTimeoutMs());
        while (true) {
            drain();
            int n = emit(out, maxRecords, ends);
            if (n > 0 || compareOffsets(offset(), endOffset) >= 0) {
                return n;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka source: the records up to " + endOffset + " that the batch planned did not"
                        + " arrive within kafkaConsumer.pollTimeoutMs=" + source.pollTimeoutMs() + " ms (now at " + offset() + ")");
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** The broker's end offsets of this reader's Kafka partitions (the last stable offsets under read_committed). */
    @Override
    public synchronized String latestOffset() {
        ensureStarted();
        if (metadata == null) {
            metadata = new KafkaConsumer<>(source.consumerProperties());
        }
        Set<TopicPartition> partitions = known;
        Map<TopicPartition, Long> ends = new HashMap<>(metadata.endOffsets(partitions, Duration.ofMillis(source.pollTimeoutMs())));
        if (ending != null) {
            ends.replaceAll((tp, e) -> Math.min(e, ending.getOrDefault(tp, e)));
        }
        return PartitionOffsets.format(ends);
    }

    /** Offsets are ordered when one is at or past the other in every Kafka partition the other names. */
    @Override
    public int compareOffsets(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        Map<TopicPartition, Long> left = PartitionOffsets.parse("offset", a);
        Map<TopicPartition, Long> right = PartitionOffsets.parse("offset", b);
        for (Map.Entry<TopicPartition, Long> e : right.entrySet()) {
            if (left.getOrDefault(e.getKey(), -1L) < e.getValue()) {
                return -1;
            }
        }
        return left.equals(right) ? 0 : 1;
    }

    @Override
    public synchronized void close() {
        if (fetcher != null) {
            fetcher.stop();
        }
        if (metadata != null) {
            metadata.close(Duration.ofSeconds(5));
        }
    }
}
