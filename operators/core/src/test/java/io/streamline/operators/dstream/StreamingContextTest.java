package io.streamline.operators.dstream;

import io.streamline.engine.Await;
import io.streamline.engine.clock.BatchClock;
import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The context's life cycle, its inputs, listeners and its clear errors. */
class StreamingContextTest extends DStreamTestSupport {
    @Test
    void shouldRunBatchesOnlyWhenTheManualClockReachesThem() throws Exception {
        Map<Long, List<Long>> counts = collect(ssc.queueStream(queueOf(List.of(1), List.of(2, 3))).count());
        List<BatchInfo> completed = new CopyOnWriteArrayList<>();
        ssc.addStreamingListener(completed::add);
        ssc.start();
        assertThat(ssc.getState()).isEqualTo(ContextState.ACTIVE);
        assertThat(ssc.advanceBatches(1)).isEqualTo(new Time(1000));
        assertThat(counts).as("the clock is at 1000 ms: the batch at 2000 has not run").containsOnlyKeys(1000L);
        assertThat(ssc.advanceBatches(2)).isEqualTo(new Time(3000));
        assertThat(inOrder(counts)).containsExactly(List.of(1L), List.of(2L), List.of(0L));
        Await.until("three batches reported", () -> completed.size() == 3);
        assertThat(completed).extracting(BatchInfo::batchTime).containsExactly(new Time(1000), new Time(2000), new Time(3000));
        assertThat(completed).extracting(BatchInfo::numRecords).containsExactly(1L, 2L, 0L);
        assertThat(ssc.query()).hasValueSatisfying(q -> assertThat(q.recentProgress()).hasSize(3));
    }

    @Test
    void shouldReadTheDefaultBatchWhenTheQueueIsEmpty() throws Exception {
        java.util.Queue<List<String>> one = new java.util.concurrent.ConcurrentLinkedQueue<>(List.of(List.of("a"), List.of("b")));
        java.util.Queue<List<String>> all = new java.util.concurrent.ConcurrentLinkedQueue<>(List.of(List.of("a"), List.of("b")));
        Map<Long, List<String>> oneAtATime = collect(ssc.queueStream(one, true, List.of("default")));
        Map<Long, List<String>> allQueued = collect(ssc.queueStream(all, false, List.of("d1", "d2")));
        ssc.start();
        ssc.advanceBatches(3);
        all.add(List.of("c"));
        ssc.advanceBatches(1);

        assertThat(inOrder(oneAtATime)).containsExactly(List.of("a"), List.of("b"), List.of("default"), List.of("default"));
        assertThat(inOrder(allQueued)).containsExactly(List.of("a", "b"), List.of("d1", "d2"), List.of("d1", "d2"), List.of("c"));
    }

    @Test
    void shouldReadAnyEngineSourceAndStreamAndTextFiles() throws Exception {
        MemoryStream<String> memory = new MemoryStream<>("words");
        memory.addData("m1", "m2");
        Path texts = Files.createDirectories(dir.resolve("texts"));
        Files.writeString(texts.resolve("a.txt"), "t1\nt2\nt3\n");
        Map<Long, List<String>> fromSource = collect(ssc.inputStream(memory));
        Map<Long, List<String>> fromStream = collect(ssc.inputStream(engine.readStream(memory).map(String::toUpperCase)));
        Map<Long, List<String>> fromFiles = collect(ssc.textFileStream(texts.toString()));
        ssc.start();
        ssc.advanceBatches(1);
        memory.addData("m3");
        ssc.advanceBatches(1);

        assertThat(inOrder(fromSource)).containsExactly(List.of("m1", "m2"), List.of("m3"));
        assertThat(inOrder(fromStream)).containsExactly(List.of("M1", "M2"), List.of("M3"));
        assertThat(inOrder(fromFiles)).containsExactly(List.of("t1", "t2", "t3"), List.of());
    }

    @Test
    void shouldCountWordsFromASocketOnTheWallClock() throws Exception {
        ssc = new StreamingContext(engine, Duration.ofMillis(100));
        ssc.checkpoint(dir.resolve("ckpt").toString());
        try (ServerSocket server = new ServerSocket(0)) {
            Map<String, Long> totals = new java.util.concurrent.ConcurrentHashMap<>();
            AtomicLong batches = new AtomicLong();
            ssc.socketTextStream("localhost", server.getLocalPort())
                    .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
                    .mapToPair(w -> t(w, 1L)).reduceByKey(Long::sum)
                    .foreachRDD(rdd -> {
                        rdd.forEach(kv -> totals.merge(kv._1(), kv._2(), Long::sum));
                        batches.incrementAndGet();
                    });
            ssc.start();
            try (Socket client = server.accept(); Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8)) {
                out.write("to be or\nnot to be\n");
                out.flush();
                Await.until("every word counted", () -> totals.values().stream().mapToLong(Long::longValue).sum() == 6);
            }
            assertThat(totals).containsExactlyInAnyOrderEntriesOf(Map.of("to", 2L, "be", 2L, "or", 1L, "not", 1L));
            assertThat(ssc.clock()).isSameAs(BatchClock.SYSTEM);
        }
    }

    @Test
    void shouldProcessEverythingReceivedBeforeAGracefulStop() throws Exception {
        ssc = new StreamingContext(engine, Duration.ofMillis(50));
        MemoryStream<Integer> numbers = new MemoryStream<>("numbers");
        List<Integer> seen = new CopyOnWriteArrayList<>();
        ssc.inputStream(numbers).foreachRDD(rdd -> seen.addAll(rdd));
        ssc.start();
        assertThat(ssc.awaitTerminationOrTimeout(1)).as("still running").isFalse();
        numbers.addData(1, 2, 3);
        ssc.stop(true);
        assertThat(seen).containsExactly(1, 2, 3);
        assertThat(ssc.getState()).isEqualTo(ContextState.STOPPED);
        assertThat(ssc.awaitTerminationOrTimeout(30_000)).isTrue();
    }

    @Test
    void shouldRefuseMisuseWithClearMessages() throws Exception {
        DStream<Integer> numbers = ssc.queueStream(queueOf(List.of(1)));
        assertThatThrownBy(ssc::start).hasMessageContaining("No output operations registered, so nothing to execute");
        numbers.print();
        ssc.start();
        assertThatThrownBy(ssc::start).hasMessageContaining("StreamingContext has already been started");
        assertThatThrownBy(() -> numbers.map(x -> x)).hasMessageContaining("Adding new inputs, transformations, and output operations "
                + "after starting a StreamingContext is not supported");
        assertThatThrownBy(() -> ssc.checkpoint("x")).hasMessageContaining("checkpoint is only allowed before start()");
        ssc.stop();
        assertThatThrownBy(ssc::start).hasMessageContaining("StreamingContext has already been stopped");
        assertThatThrownBy(() -> new StreamingContext(engine, Duration.ZERO)).hasMessageContaining("the batch interval must be a positive");
        StreamingContext wallClock = new StreamingContext(engine, SECOND);
        assertThatThrownBy(() -> wallClock.advanceBatches(1)).hasMessageContaining("advanceBatches needs a context on a ManualClock");
    }

    @Test
    void shouldRefuseStatefulOperationsWithoutACheckpointDirectory() {
        PairDStream<String, Integer> pairs = ssc.queueStream(queueOf(List.of("a"))).mapToPair(w -> t(w, 1));
        pairs.updateStateByKey((List<Integer> values, java.util.Optional<Integer> state) -> state).print();
        pairs.reduceByKeyAndWindow(Integer::sum, (a, b) -> a - b, SECOND, SECOND).print();
        assertThatThrownBy(ssc::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The checkpoint directory has not been set")
                .hasMessageContaining("updateStateByKey").hasMessageContaining("reduceByKeyAndWindow(1000,1000,inverse)")
                .hasMessageContaining("call StreamingContext.checkpoint(directory) before start()");
    }

    @Test
    void shouldResumeFromTheCheckpointThatGetOrCreateFinds() throws Exception {
        String checkpoint = dir.resolve("ckpt").toString();
        List<String> created = new ArrayList<>();
        MemoryStream<String> words = new MemoryStream<>("words");
        Map<Long, List<String>>[] out = new Map[1];
        java.util.function.Supplier<StreamingContext> create = () -> {
            created.add("created");
            StreamingContext c = new StreamingContext(engine, SECOND, clock);
            out[0] = collect(c.inputStream(words));
            return c;
        };
        ssc = StreamingContext.getOrCreate(checkpoint, create);
        assertThat(ssc.recoveredFromCheckpoint()).isFalse();
        words.addData("a");
        ssc.start();
        ssc.advanceBatches(1);
        ssc.stop();

        words.addData("b");
        ssc = StreamingContext.getOrCreate(checkpoint, create);
        assertThat(ssc.recoveredFromCheckpoint()).isTrue();
        ssc.start();
        ssc.advanceBatches(1);
        assertThat(out[0]).as("the grid continues and only the new record is read").containsExactly(Map.entry(2000L, List.of("b")));
        assertThatThrownBy(() -> StreamingContext.getOrCreate(checkpoint, () -> {
            StreamingContext other = new StreamingContext(engine, SECOND, clock);
            other.checkpoint(dir.resolve("elsewhere").toString());
            return other;
        })).hasMessageContaining("the creating function set another checkpoint directory");
    }

    @Test
    void shouldRefuseACheckpointWrittenByAnotherGraphOrBatchInterval() throws Exception {
        String checkpoint = dir.resolve("ckpt").toString();
        MemoryStream<String> words = new MemoryStream<>("words");
        ssc = StreamingContext.getOrCreate(checkpoint, () -> {
            StreamingContext c = new StreamingContext(engine, SECOND, clock);
            c.inputStream(words).count().print();
            return c;
        });
        ssc.start();
        ssc.advanceBatches(1);
        ssc.stop();

        StreamingContext otherGraph = StreamingContext.getOrCreate(checkpoint, () -> {
            StreamingContext c = new StreamingContext(engine, SECOND, clock);
            c.inputStream(words).countByValue().print();
            return c;
        });
        assertThatThrownBy(otherGraph::start).hasMessageContaining("was written by another DStream graph")
                .hasMessageContaining("1:count<-0").hasMessageContaining("1:countByValue<-0");
        StreamingContext otherInterval = StreamingContext.getOrCreate(checkpoint, () -> {
            StreamingContext c = new StreamingContext(engine, Duration.ofSeconds(2), clock);
            c.inputStream(words).count().print();
            return c;
        });
        assertThatThrownBy(otherInterval::start).hasMessageContaining("dstream[batch 1000 ms;").hasMessageContaining("dstream[batch 2000 ms;");
    }
}
