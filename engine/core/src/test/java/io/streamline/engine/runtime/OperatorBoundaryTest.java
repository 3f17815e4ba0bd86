package io.streamline.engine.runtime;

import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorContext;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.Timer;
import io.streamline.engine.operator.TimerService;
import io.streamline.engine.operator.Watermarks;
import io.streamline.engine.state.KeyedState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an operator sees and emits at epoch boundaries: metadata of its own, timers, watermarks, in order. */
class OperatorBoundaryTest {
    /** The metadata each emitted value arrived with, captured during the call. */
    private record Emitted(Object value, long offset, long eventTime) {
    }

    private final List<Emitted> emitted = new ArrayList<>();
    private final Downstream sink = new Downstream() {
        @Override
        public void onRecord(Object value, RecordMeta meta) {
            emitted.add(new Emitted(value, meta.sourceOffset(), meta.eventTime()));
        }

        @Override
        public void onEpochMarker(long epoch, long watermark) {
            emitted.add(new Emitted("marker " + epoch + " " + Watermarks.describe(watermark), -2, 0));
        }

        @Override
        public void onEnd() {
        }
    };

    /** Echoes records; at boundaries emits what it saw: fired timers, watermarks, epoch ends. */
    private static final class Recorder implements Operator<Object, Object> {
        private final TimerService timers;
        private final OperatorContext context;
        private final KeyedState<String, Long> state = new KeyedState<>();

        Recorder(OperatorContext context) {
            this.context = context;
            this.timers = context.timers();
        }

        @Override
        public void process(Object value, RecordMeta meta, Output<Object> out) {
            if (value instanceof Long t) {
                timers.registerEventTimeTimer("k", t);
            }
            out.emit(value);
        }

        @Override
        public void onTimer(Timer timer, Output<Object> out) {
            out.emit("timer " + timer.timestamp() + " at watermark " + Watermarks.describe(context.currentWatermark()));
        }

        @Override
        public void onWatermark(long watermark, Output<Object> out) {
            out.emit("watermark " + watermark, watermark);
        }

        @Override
        public void onEpochEnd(long epoch, Output<Object> out) {
            out.emit("end " + epoch);
        }

        @Override
        public OperatorState state() {
            return state;
        }
    }

    @Test
    void shouldEmitBoundaryResultsWithMetadataOfItsOwnNotTheLastRingSlot() {
        RecordRing ring = new RecordRing("r", 8);
        RingPublisher publisher = new RingPublisher(ring, () -> true);
        OperatorNode node = OperatorNode.detached("rec", Recorder::new, OutputMode.APPEND, sink);
        WatermarkMerge merge = new WatermarkMerge();
        merge.addInput("source", false, 0);
        RingInput input = new RingInput(ring, 0, new MarkerAligner(1, new MergingHead(node, merge)), node);
        Envelope meta = new Envelope();
        for (long offset = 0; offset < 3; offset++) {
            meta.setRecord("r" + offset, System.nanoTime(), RecordMeta.NO_EVENT_TIME, offset);
            publisher.onRecord("r" + offset, meta);
        }
        publisher.onEpochMarker(0, 500);
        // The producer writes on into the slots the operator's input came from before the boundary is handled.
        meta.setRecord("later", System.nanoTime(), RecordMeta.NO_EVENT_TIME, 99);
        publisher.onRecord("later", meta);
        while (input.poll(100) > 0) {
            // drain
        }

        assertThat(emitted).extracting(Emitted::value)
                .containsExactly("r0", "r1", "r2", "watermark 500", "end 0", "marker 0 500", "later");
        assertThat(emitted.subList(0, 3)).extracting(Emitted::offset).containsExactly(0L, 1L, 2L);
        assertThat(emitted.get(3)).as("a watermark's result").isEqualTo(new Emitted("watermark 500", -1, 500));
        assertThat(emitted.get(4).offset()).as("an epoch end's result").isEqualTo(-1);
    }

    @Test
    void shouldFireDueEventTimeTimersBeforeTheWatermarkAndTheEpochEnd() {
        OperatorNode node = OperatorNode.detached("rec", Recorder::new, OutputMode.APPEND, sink);
        Envelope meta = new Envelope();
        meta.setRecord(30L, 0, RecordMeta.NO_EVENT_TIME, 0);
        node.onRecord(30L, meta);
        node.onRecord(10L, meta);
        node.onRecord(10L, meta); // the same timer twice is one timer
        node.onEpochMarker(0, 20);
        node.onEpochMarker(1, 20); // no advance: nothing fires, no watermark call
        node.onEpochMarker(2, 40);

        assertThat(emitted).extracting(Emitted::value).containsExactly(30L, 10L, 10L,
                "timer 10 at watermark 20", "watermark 20", "end 0", "marker 0 20",
                "end 1", "marker 1 20",
                "timer 30 at watermark 40", "watermark 40", "end 2", "marker 2 40");
    }

    @Test
    void shouldCountTimersAsStateAndRefuseTimersAskedForAfterPlanning() {
        OperatorHost host = OperatorHost.detached("rec", OutputMode.APPEND);
        host.bind(new Recorder(host));
        assertThat(host.stateNames()).as("timers make the operator stateful").containsExactly("rec", "rec.timers");

        OperatorHost late = OperatorHost.detached("late", OutputMode.APPEND);
        late.bind(new Operator<>() {
            @Override
            public void process(Object value, RecordMeta meta, Output<Object> out) {
            }
        });
        assertThatThrownBy(late::timers).hasMessageContaining("call context.timers() when the operator is created");
        assertThat(late.stateful()).isFalse();
    }
}
