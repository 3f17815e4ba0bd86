package io.streamline.engine.runtime;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.Watermarks;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RingHopTest {
    private final Envelope meta = new Envelope();

    /** A ring of {@code slots} from a publisher to an input that delivers into one chain. */
    private record Hop(RingPublisher publisher, RingInput input) {
        static Hop into(RecordingDownstream out, int slots) {
            RecordRing ring = new RecordRing("r", slots);
            WatermarkMerge merge = new WatermarkMerge();
            merge.addInput("upstream", false, 0);
            return new Hop(new RingPublisher(ring, () -> true),
                    new RingInput(ring, 0, new MarkerAligner(1, new MergingHead(out, merge)), out));
        }

        void drain() {
            while (input.poll(100) > 0) {
                // until the ring is empty
            }
        }
    }

    @Test
    void shouldCarryRecordsAndControlMessagesInOrderThroughPreallocatedSlots() {
        RecordingDownstream out = new RecordingDownstream();
        Hop hop = Hop.into(out, 8);

        for (int i = 0; i < 20; i++) { // wraps the 8-slot ring several times
            meta.setRecord("v" + i, 1, RecordMeta.NO_EVENT_TIME, i);
            hop.publisher().onRecord("v" + i, meta);
            if (i % 5 == 4) {
                hop.publisher().onEpochMarker(i / 5, i == 19 ? 42 : Watermarks.NONE);
            }
            hop.drain();
        }
        hop.publisher().onEnd();
        hop.drain();

        assertThat(out.events).startsWith("record v0 @0", "record v1 @1", "record v2 @2", "record v3 @3", "record v4 @4", "marker 0", "record v5 @5");
        assertThat(out.events).hasSize(20 + 4 + 1).endsWith("marker 3 wm 42", "end");
    }

    @Test
    void shouldCarryAKeyedLongUnboxedInTheSlotAndBetweenRecords() {
        RecordingDownstream out = new RecordingDownstream();
        Hop hop = Hop.into(out, 4);

        for (int i = 0; i < 6; i++) { // wraps the 4-slot ring: a reused slot carries a record, then a pair, and back
            meta.setRecord("v" + i, 100 + i, RecordMeta.NO_EVENT_TIME, i);
            if (i % 2 == 0) {
                hop.publisher().onKeyedLong("k" + i, Long.MAX_VALUE - i, meta);
            } else {
                hop.publisher().onRecord("v" + i, meta);
            }
            hop.drain();
        }

        assertThat(out.events).containsExactly("keyed k0=" + Long.MAX_VALUE + " @0 t100", "record v1 @1",
                "keyed k2=" + (Long.MAX_VALUE - 2) + " @2 t102", "record v3 @3", "keyed k4=" + (Long.MAX_VALUE - 4) + " @4 t104",
                "record v5 @5");
    }

    @Test
    void shouldApplyBackpressureAndGiveUpOnlyWhenStopping() throws Exception {
        RecordRing ring = new RecordRing("r", 4);
        AtomicBoolean running = new AtomicBoolean(true);
        RingPublisher publisher = new RingPublisher(ring, running::get);
        for (int i = 0; i < 4; i++) {
            publisher.onRecord(i, meta);
        }
        AtomicBoolean fifthPublished = new AtomicBoolean();
        Thread producer = new Thread(() -> {
            try {
                publisher.onRecord(4, meta);
                fifthPublished.set(true);
            } catch (TaskStoppedException stopped) {
                // expected once running is false
            }
        });
        producer.start();
        producer.join(200);
        assertThat(producer.isAlive()).as("blocked on the full ring").isTrue();
        running.set(false);
        producer.join(10_000);
        assertThat(producer.isAlive()).isFalse();
        assertThat(fifthPublished).isFalse();
    }

    @Test
    void shouldRejectRingSizesThatAreNotPowersOfTwo() {
        assertThatThrownBy(() -> new RecordRing("r", 1000)).hasMessageContaining("power of two");
    }
}
