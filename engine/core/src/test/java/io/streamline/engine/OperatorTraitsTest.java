package io.streamline.engine;

import io.streamline.engine.operator.MapOperator;
import io.streamline.engine.operator.OperatorTraits;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.TwoInputOperator;
import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Output-mode rules an operator declares through its {@link OperatorTraits} are checked at {@code start()}: modes
 * refused outright, modes refused only without a watermark upstream (on every input of a two-input operator), and
 * complete mode, which needs an aggregation somewhere in the plan. The context tells an operator its watermark's delay.
 */
class OperatorTraitsTest extends EngineTestSupport {
    private final MemoryStream<Long> numbers = new MemoryStream<>("numbers");
    private final MemoryStream<Long> others = new MemoryStream<>("others");

    private static final OperatorTraits NEEDS_WATERMARK_FOR_APPEND = OperatorTraits.aggregation()
            .refuseWithoutWatermark(OutputMode.APPEND, "rule: append needs a watermark")
            .refuse(OutputMode.UPDATE, "rule: never update");

    private StreamingQuery start(DataStream<Long> stream, String mode) {
        return stream.writeStream().format("noop").outputMode(mode).trigger(Trigger.processingTime(10)).start();
    }

    private DataStream<Long> declared(DataStream<Long> input) {
        return input.transform("declared", context -> new MapOperator<Long, Long>(Function.identity()), NEEDS_WATERMARK_FOR_APPEND);
    }

    @Test
    void aModeRefusedWithoutAWatermarkIsAcceptedOnceTheInputHasOne() {
        assertThatThrownBy(() -> start(declared(engine.readStream(numbers)), "append")).hasMessage("rule: append needs a watermark");
        StreamingQuery query = start(declared(engine.readStream(numbers).withWatermark(n -> n, Duration.ZERO)), "append");
        assertThat(query.isActive()).isTrue();
        query.stop();
    }

    @Test
    void aModeRefusedOutrightIsRefusedWithAWatermarkToo() {
        assertThatThrownBy(() -> start(declared(engine.readStream(numbers).withWatermark(n -> n, Duration.ZERO)), "update"))
                .hasMessage("rule: never update");
    }

    @Test
    void completeModeIsAcceptedWithADeclaredAggregationAndRefusedWithoutOne() {
        StreamingQuery query = start(declared(engine.readStream(numbers)), "complete");
        query.stop();
        assertThatThrownBy(() -> start(engine.readStream(numbers).transform("plain",
                context -> new MapOperator<Long, Long>(Function.identity()), OperatorTraits.plain()), "complete"))
                .hasMessageContaining("Complete output mode not supported when there are no streaming aggregations");
    }

    @Test
    void aTwoInputOperatorNeedsAWatermarkOnBothInputs() {
        OperatorTraits outerJoinLike = OperatorTraits.plain().refuseWithoutWatermark(OutputMode.APPEND, "rule: both sides");
        DataStream<Long> left = engine.readStream(numbers).withWatermark(n -> n, Duration.ZERO);
        assertThatThrownBy(() -> start(left.transformWith(engine.readStream(others), "pair", context -> new PassLeft(),
                outerJoinLike), "append")).hasMessage("rule: both sides");
        StreamingQuery query = start(left.transformWith(engine.readStream(others).withWatermark(n -> n, Duration.ofSeconds(3)),
                "pair", context -> new PassLeft(), outerJoinLike), "append");
        query.stop();
    }

    @Test
    void theContextGivesTheLargestWatermarkDelayUpstreamOrMinusOne() throws Exception {
        long[] delays = new long[2];
        DataStream<Long> left = engine.readStream(numbers).withWatermark(n -> n, Duration.ofSeconds(2))
                .transform("probe", context -> {
                    delays[0] = context.watermarkDelayMillis();
                    return new MapOperator<Long, Long>(Function.identity());
                });
        StreamingQuery query = start(left.transformWith(engine.readStream(others).withWatermark(n -> n, Duration.ofSeconds(5)),
                "pair", context -> {
                    delays[1] = context.watermarkDelayMillis();
                    return new PassLeft();
                }), "append");
        query.stop();
        long[] none = new long[1];
        start(engine.readStream(others).transform("probe", context -> {
            none[0] = context.watermarkDelayMillis();
            return new MapOperator<Long, Long>(Function.identity());
        }), "append").stop();
        assertThat(delays).containsExactly(2_000, 5_000);
        assertThat(none[0]).isEqualTo(-1);
    }

    /** Passes the left input on. */
    private static final class PassLeft implements TwoInputOperator<Long, Long, Long> {
        @Override
        public void processLeft(Long value, RecordMeta meta, Output<Long> out) {
            out.emit(value);
        }

        @Override
        public void processRight(Long value, RecordMeta meta, Output<Long> out) {
        }
    }
}
