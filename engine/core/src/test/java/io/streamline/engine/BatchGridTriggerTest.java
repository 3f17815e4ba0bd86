package io.streamline.engine;

import io.streamline.engine.clock.ManualClock;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorContext;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.source.MemoryStream;
import io.streamline.engine.state.KeyedState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Trigger#batchGrid}: a batch at every multiple of the interval on the clock, with or without data. */
class BatchGridTriggerTest extends EngineTestSupport {
    /** One row per batch: the batch's time and how many records it had. */
    record Batch(long batchId, long timeMillis, long records) {
    }

    /** Emits, at each batch's end, the batch's epoch time and its record count; stateful so it runs once. */
    private static Operator<Long, Batch> batchTimes(OperatorContext context) {
        KeyedState<String, Long> seen = new KeyedState<>();
        long[] records = new long[1];
        return new Operator<>() {
            @Override
            public void process(Long value, RecordMeta meta, Output<Batch> out) {
                records[0]++;
            }

            @Override
            public void onEpochEnd(long epoch, Output<Batch> out) {
                out.emit(new Batch(epoch, context.epochTimeMillis(), records[0]));
                records[0] = 0;
                seen.put("batches", epoch + 1);
            }

            @Override
            public OperatorState state() {
                return seen;
            }
        };
    }

    private StreamingQuery start(MemoryStream<Long> input, ManualClock clock, List<Batch> batches) {
        return engine.readStream(input).transform("batchTimes", BatchGridTriggerTest::batchTimes)
                .writeStream().foreachBatch((rows, id) -> batches.addAll(rows))
                .option("checkpointLocation", dir.resolve("ckpt").toString())
                .trigger(Trigger.batchGrid(Duration.ofSeconds(1), clock)).start();
    }

    @Test
    void shouldRunABatchAtEveryGridTimeTheClockReachesAndContinueTheGridAfterARestart() {
        MemoryStream<Long> input = new MemoryStream<>("numbers");
        List<Batch> batches = new CopyOnWriteArrayList<>();
        ManualClock clock = new ManualClock(500);
        StreamingQuery query = start(input, clock, batches);

        clock.advance(500); // 1000: the first multiple of the interval after the start time
        Await.until("the batch at 1000", () -> batches.size() == 1);
        assertThat(batches).as("an empty batch still runs").containsExactly(new Batch(0, 1000, 0));

        input.addData(1L, 2L, 3L);
        clock.advance(1000);
        Await.until("the batch at 2000", () -> batches.size() == 2);
        assertThat(batches.get(1)).as("the clock is at 2000, so no later batch ran").isEqualTo(new Batch(1, 2000, 3));

        clock.advance(2500); // 4500: the batches at 3000 and 4000 are due
        Await.until("the batches at 3000 and 4000", () -> batches.size() == 4);
        query.stop();
        assertThat(batches.subList(2, 4)).containsExactly(new Batch(2, 3000, 0), new Batch(3, 4000, 0));

        // A restart continues the grid from the last planned batch, running the times missed while down.
        List<Batch> restarted = new CopyOnWriteArrayList<>();
        input.addData(4L);
        StreamingQuery again = start(input, new ManualClock(7200), restarted);
        Await.until("the batches at 5000, 6000 and 7000", () -> restarted.size() == 3);
        again.stop();
        assertThat(restarted).containsExactly(new Batch(4, 5000, 1), new Batch(5, 6000, 0), new Batch(6, 7000, 0));
    }

    @Test
    void shouldAnswerProcessAllAvailableOnceTheGridsBatchesReadTheData() throws Exception {
        MemoryStream<Long> input = new MemoryStream<>("numbers");
        List<Batch> batches = new CopyOnWriteArrayList<>();
        ManualClock clock = new ManualClock();
        StreamingQuery query = start(input, clock, batches);
        input.addData(1L, 2L);
        Thread waiter = new Thread(() -> {
            try {
                query.processAllAvailable();
            } catch (StreamingQueryException e) {
                throw new IllegalStateException(e);
            }
        });
        waiter.start();
        clock.advance(1000);
        waiter.join(30_000);
        assertThat(waiter.isAlive()).as("processAllAvailable returned").isFalse();
        assertThat(batches).containsExactly(new Batch(0, 1000, 2));
    }

    @Test
    void shouldAnswerProcessAllAvailableCalledAfterTheBatchThatReadTheDataRan() throws Exception {
        MemoryStream<Long> input = new MemoryStream<>("numbers");
        List<Batch> batches = new CopyOnWriteArrayList<>();
        ManualClock clock = new ManualClock();
        StreamingQuery query = start(input, clock, batches);
        input.addData(1L, 2L);
        clock.advance(1000);
        Await.until("the batch at 1000 read both rows", () -> batches.equals(List.of(new Batch(0, 1000, 2))));
        Thread waiter = new Thread(() -> {
            try {
                query.processAllAvailable(); // the clock stays where it is: no further batch comes
            } catch (StreamingQueryException e) {
                throw new IllegalStateException(e);
            }
        });
        waiter.start();
        waiter.join(30_000);
        assertThat(waiter.isAlive()).as("processAllAvailable returned without another grid time").isFalse();
    }

    @Test
    void shouldRefuseAnIntervalBelowOneMillisecondAtStart() {
        MemoryStream<Long> input = new MemoryStream<>("numbers");
        assertThatThrownBy(() -> engine.readStream(input).writeStream().format("memory").queryName("grid")
                .trigger(Trigger.batchGrid(Duration.ZERO, new ManualClock())).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Trigger.batchGrid interval must be at least 1 ms");
    }
}
