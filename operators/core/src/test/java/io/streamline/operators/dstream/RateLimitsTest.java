package io.streamline.operators.dstream;

import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * maxRatePerPartition and backpressure on a manual clock: how much of a burst each batch admits. Processing time is
 * what the output operation moves the clock by, so the rates backpressure arrives at are exact.
 */
class RateLimitsTest extends DStreamTestSupport {
    private static List<Integer> numbers(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static List<Integer> sizes(Map<Long, ? extends List<?>> batches) {
        synchronized (batches) {
            return batches.values().stream().map(List::size).toList();
        }
    }

    /** The values of the batches up to {@code last} ms: later ones may be running. */
    private static <V> List<V> upTo(java.util.SortedMap<Long, V> batches, long last) {
        synchronized (batches) {
            return new ArrayList<>(batches.headMap(last + 1).values());
        }
    }

    private static List<Integer> flattenedSorted(Map<Long, List<Integer>> batches) {
        List<Integer> all = new ArrayList<>();
        inOrder(batches).forEach(all::addAll);
        all.sort(null);
        return all;
    }

    @Test
    void shouldBoundABurstPerBatchByTheRatePerPartition() throws Exception {
        MemoryStream<Integer> twoPartitions = new MemoryStream<>("burst", 2);
        Map<Long, List<Integer>> fromMemory = collect(ssc.inputStream(twoPartitions));
        Map<Long, List<Integer>> fromQueue = collect(ssc.queueStream(queueOf(numbers(250))));
        ssc.maxRatePerPartition(100); // 1 s batches: 100 records per partition per batch
        twoPartitions.addData(numbers(500));
        ssc.start();
        ssc.advanceBatches(4);

        assertThat(sizes(fromMemory)).as("2 partitions of 100 a batch").containsExactly(200, 200, 100, 0);
        assertThat(sizes(fromQueue)).containsExactly(100, 100, 50, 0);
        assertThat(flattenedSorted(fromMemory)).as("every record of the burst once").isEqualTo(numbers(500));
        assertThat(inOrder(fromQueue).get(0)).isEqualTo(numbers(100));
    }

    @Test
    void shouldReadABurstWholeWithoutALimit() throws Exception {
        MemoryStream<Integer> twoPartitions = new MemoryStream<>("burst", 2);
        Map<Long, List<Integer>> batches = collect(ssc.inputStream(twoPartitions));
        twoPartitions.addData(numbers(500));
        ssc.start();
        ssc.advanceBatches(2);
        assertThat(sizes(batches)).containsExactly(500, 0);
    }

    @Test
    void shouldShareTheInitialRateAmongPartitionsWithinTheMaximum() throws Exception {
        MemoryStream<Integer> twoPartitions = new MemoryStream<>("burst", 2);
        MemoryStream<Integer> onePartition = new MemoryStream<>("single");
        Map<Long, List<Integer>> shared = collect(ssc.inputStream(twoPartitions));
        Map<Long, List<Integer>> capped = collect(ssc.inputStream(onePartition));
        ssc.backpressure(Backpressure.enabled().initialRate(300));
        ssc.maxRatePerPartition(250);
        twoPartitions.addData(numbers(1000));
        onePartition.addData(numbers(1000));
        ssc.start();
        // The clock does not move while a batch runs: no processing time, so no estimate replaces the initial rate.
        ssc.advanceBatches(3);
        assertThat(sizes(shared)).as("300/s over 2 partitions: 150 each").containsExactly(300, 300, 300);
        assertThat(sizes(capped)).as("300/s on one partition, capped at 250").containsExactly(250, 250, 250);
    }

    @Test
    void shouldAdmitTheRateTheProcessingTimeAllowsAndWorkOffTheDelay() throws Exception {
        MemoryStream<Integer> backlog = new MemoryStream<>("backlog");
        java.util.SortedMap<Long, Integer> admitted = java.util.Collections.synchronizedSortedMap(new java.util.TreeMap<>());
        java.util.SortedMap<Long, Long> delays = java.util.Collections.synchronizedSortedMap(new java.util.TreeMap<>());
        ssc.inputStream(backlog).foreachRDD((rdd, time) -> {
            long t = time.milliseconds();
            admitted.put(t, rdd.size());
            delays.put(t, clock.millis() - t); // the batch started when the clock was here
            // Processing costs 2 ms a record (500/s) until the batch at 6000, 4 ms (250/s) from then on.
            clock.advance((t < 6000 ? 2L : 4L) * rdd.size());
        });
        ssc.backpressure(Backpressure.enabled().initialRate(400));
        backlog.addData(numbers(4580));
        ssc.start();
        for (long t = 1000; t <= 14_000; t += 1000) {
            synchronized (clock) { // a batch that ran past its successor's time has started it already
                if (clock.millis() < t) {
                    clock.setTime(t);
                }
            }
            ssc.awaitBatchCompleted(new Time(t), Duration.ofSeconds(60));
        }

        // The batch at 15000 is due when the one at 14000 ends, at 15120, and may be running.
        assertThat(upTo(admitted, 14_000)).as("batch 1 sets the starting point (500/s); 500/s until processing slows to 250/s; "
                        + "then below 250/s while the delay is worked off, and back towards 250/s")
                .containsExactly(400, 400, 500, 500, 500, 500, 250, 200, 200, 210, 220, 228, 234, 238);
        assertThat(upTo(delays, 14_000)).as("each batch's scheduling delay, ms")
                .containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 1000L, 1000L, 800L, 600L, 440L, 320L, 232L, 168L);
    }

    @Test
    void shouldRefuseBadLimitsAndLimitsAfterStart() {
        assertThatThrownBy(() -> ssc.maxRatePerPartition(0)).hasMessageContaining("maxRatePerPartition must be a positive number");
        assertThatThrownBy(() -> ssc.backpressure(null)).hasMessageContaining("Backpressure.enabled()");
        ssc.queueStream(queueOf(List.of(1))).print();
        ssc.start();
        assertThatThrownBy(() -> ssc.maxRatePerPartition(10)).hasMessageContaining("maxRatePerPartition is only allowed before start()");
        assertThatThrownBy(() -> ssc.backpressure(Backpressure.enabled())).hasMessageContaining("backpressure is only allowed before start()");
    }
}
