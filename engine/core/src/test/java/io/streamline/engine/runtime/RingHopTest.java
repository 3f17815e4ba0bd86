package io.streamline.engine.runtime;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.Watermarks;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RingHopTest {
    private final Envelope meta = new Envelope();

    @Test
    void shouldCarryRecordsAndControlMessagesInOrderThroughPreallocatedSlots() {
        RecordRing ring = new RecordRing("r", 8);
        RingPublisher publisher = new RingPublisher(ring, () -> true);
        RecordingDownstream out = new RecordingDownstream();
        WatermarkMerge merge = new WatermarkMerge();
        merge.addInput("upstream", false, 0);
        RingInput input = new RingInput(ring, 0, new MarkerAligner(1, new MergingHead(out, merge)), out);

        for (int i = 0; i < 20; i++) { // wraps the 8-slot ring several times
            meta.setRecord("v" + i, 1, RecordMeta.NO_EVENT_TIME, i);
            publisher.onRecord("v" + i, meta);
            if (i % 5 == 4) {
                publisher.onEpochMarker(i / 5, i == 19 ? 42 : Watermarks.NONE);
            }
            while (input.poll(100) > 0) {
                // drain
            }
        }
        publisher.onEnd();
        while (input.poll(100) > 0) {
            // drain
        }

        assertThat(out.events).startsWith("record v0 @0", "record v1 @1", "record v2 @2", "record v3 @3", "record v4 @4", "marker 0", "record v5 @5");
        assertThat(out.events).hasSize(20 + 4 + 1).endsWith("marker 3 wm 42", "end");
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
