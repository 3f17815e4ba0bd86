package io.streamline.engine.state;

import io.streamline.engine.KeyValue;
import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.runtime.Downstream;
import io.streamline.engine.runtime.Envelope;
import io.streamline.engine.runtime.OperatorNode;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running count or sum hands its results on unboxed, so counting into a sink that does not keep rows allocates
 * nothing per record; a link that needs the row as an object still gets {@code KeyValue(key, count)}.
 */
class UnboxedAggregateTest {
    private static final int KEYS = 100;

    /** Counts what arrives, and how: unboxed pairs or rows. */
    private static final class CountingSink implements Downstream {
        long pairs;
        long rows;
        long lastValue;

        @Override
        public void onRecord(Object value, RecordMeta meta) {
            rows++;
        }

        @Override
        public void onKeyedLong(Object key, long value, RecordMeta meta) {
            pairs++;
            lastValue = value;
        }

        @Override
        public void onEpochMarker(long epoch, long watermark) {
        }

        @Override
        public void onEnd() {
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldCountIntoASinkWithoutAllocatingPerRecord() {
        Long[] keys = new Long[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = (long) i;
        }
        CountingSink sink = new CountingSink();
        Operator<?, ?> counter = new RunningAggregate<Long, Long, Long>("count", v -> keys[(int) (v % KEYS)],
                LongAggregateTable.count(), OutputMode.UPDATE, false);
        OperatorNode count = OperatorNode.detached("count", context -> (Operator<Object, Object>) counter, OutputMode.UPDATE, sink);
        Envelope meta = new Envelope();
        for (int i = 0; i < 200_000; i++) { // every key exists and the code is warm before measuring
            meta.setRecord(keys[i % KEYS], 0, RecordMeta.NO_EVENT_TIME, i);
            count.onRecord(keys[i % KEYS], meta);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        int records = 1_000_000;
        for (int i = 0; i < records; i++) {
            meta.setRecord(keys[i % KEYS], 0, RecordMeta.NO_EVENT_TIME, i);
            count.onRecord(keys[i % KEYS], meta);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(sink.rows).as("no row objects").isZero();
        assertThat(sink.pairs).isEqualTo(200_000 + records);
        assertThat(sink.lastValue).isEqualTo((200_000 + records) / KEYS);
        assertThat(allocated).as("bytes allocated for %d records (a row and a boxed count each would be ~40 MB)", records)
                .isLessThan(records / 10);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldGiveALinkThatNeedsObjectsTheRowsInEveryMode() {
        for (OutputMode mode : new OutputMode[]{OutputMode.UPDATE, OutputMode.COMPLETE}) {
            for (boolean microBatch : new boolean[]{false, true}) {
                List<Object> rows = new ArrayList<>();
                Downstream objects = new Downstream() {
                    @Override
                    public void onRecord(Object value, RecordMeta meta) {
                        rows.add(value);
                    }

                    @Override
                    public void onEpochMarker(long epoch, long watermark) {
                    }

                    @Override
                    public void onEnd() {
                    }
                };
                Operator<?, ?> sum = new RunningAggregate<String, Long, Long>("sum", v -> v % 2 == 0 ? "even" : "odd",
                        LongAggregateTable.sum(v -> v), mode, microBatch);
                OperatorNode node = OperatorNode.detached("sum", context -> (Operator<Object, Object>) sum, mode, objects);
                Envelope meta = new Envelope();
                for (long v = 1; v <= 4; v++) {
                    meta.setRecord(v, 0, RecordMeta.NO_EVENT_TIME, v);
                    node.onRecord(v, meta);
                }
                node.onEpochMarker(0, io.streamline.engine.operator.Watermarks.NONE);
                if (mode == OutputMode.UPDATE && !microBatch) {
                    assertThat(rows).as("every change").containsExactly(new KeyValue<>("odd", 1L), new KeyValue<>("even", 2L),
                            new KeyValue<>("odd", 4L), new KeyValue<>("even", 6L));
                } else {
                    assertThat(rows).as("%s, micro-batch %s: each key once at the epoch's end", mode, microBatch)
                            .containsExactlyInAnyOrder(new KeyValue<>("odd", 4L), new KeyValue<>("even", 6L));
                }
            }
        }
    }
}
