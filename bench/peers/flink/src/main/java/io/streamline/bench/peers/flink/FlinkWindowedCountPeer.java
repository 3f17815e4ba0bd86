package io.streamline.bench.peers.flink;

import io.streamline.bench.peers.PeerOptions;
import io.streamline.bench.peers.PeerRunner;
import io.streamline.bench.peers.RunningPeer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;
import java.util.Map;

/**
 * The windowed-count workload on Apache Flink: paced source (event time = intended send time, bounded
 * out-of-orderness 1 s) -> {@code keyBy(value % keys)} -> sliding event-time windows of 10 s every 5 s -> count ->
 * sink, on a local MiniCluster with checkpoints every second. Like streamline's update mode, every record emits the
 * new count of each of its two windows at once (a trigger firing on every element); Flink clears a window's state
 * once the watermark passes its end. The source runs at parallelism 1 (one split); the window and sink, chained, at
 * {@code --parallelism} (1 or 2) behind {@code keyBy}'s network buffer. A row's latency is that of the record whose
 * arrival emitted it, from its intended send time.
 */
public final class FlinkWindowedCountPeer {
    static final String USAGE = """
            usage: FlinkWindowedCountPeer --rate N --seconds S [--warmup S] --json FILE [--parallelism P] [--keys K]
                                          [--buffer-timeout-ms MS]
              --parallelism        instances of the window operator (default 1)
              --keys               distinct keys (default 10000, as streamline's windowed-count)
              --buffer-timeout-ms  how long an output buffer may wait before it is sent (default 0: lowest latency)""";
    private static final long CHECKPOINT_INTERVAL_MS = 1_000;
    private static final Duration LENGTH = Duration.ofSeconds(10);
    private static final Duration SLIDE = Duration.ofSeconds(5);
    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(1);

    private FlinkWindowedCountPeer() {
    }

    /** Runs the workload; see {@link #USAGE}. */
    public static void main(String[] args) {
        PeerRunner.main(USAGE, Map.of("--parallelism", "1", "--keys", "10000", "--buffer-timeout-ms", "0"),
                FlinkWindowedCountPeer::start, args);
    }

    /** Fires a window on every record it takes, so each changed count goes out as it changes (update mode). */
    private static final class EveryRecord extends Trigger<Object, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext context) {
            return TriggerResult.FIRE;
        }

        @Override
        public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext context) {
            return TriggerResult.CONTINUE;
        }

        @Override
        public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext context) {
            return TriggerResult.CONTINUE;
        }

        @Override
        public void clear(TimeWindow window, TriggerContext context) {
            // No timers or state of its own: the window operator clears the window once the watermark passes it.
        }
    }

    /** The window's count, carrying the intended send time of the record counted last, whose latency it measures. */
    private static final class CountLatest implements AggregateFunction<Stamped, Stamped, Stamped> {
        private static final long serialVersionUID = 1L;

        @Override
        public Stamped createAccumulator() {
            return new Stamped(0, 0);
        }

        @Override
        public Stamped add(Stamped record, Stamped count) {
            count.intendedNanos = record.intendedNanos;
            count.value++;
            return count;
        }

        @Override
        public Stamped getResult(Stamped count) {
            return new Stamped(count.intendedNanos, count.value);
        }

        @Override
        public Stamped merge(Stamped a, Stamped b) {
            return new Stamped(Math.max(a.intendedNanos, b.intendedNanos), a.value + b.value);
        }
    }

    private static RunningPeer start(PeerOptions options) throws Exception {
        int parallelism = (int) options.longOption("--parallelism");
        long keys = options.longOption("--keys");
        long bufferTimeoutMs = options.longOption("--buffer-timeout-ms");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
        env.setBufferTimeout(bufferTimeoutMs);
        env.enableCheckpointing(CHECKPOINT_INTERVAL_MS);

        // Event time in milliseconds of the monotonic clock the generator stamps with: windows start at an arbitrary
        // phase of the wall clock, which changes nothing measured.
        WatermarkStrategy<Stamped> eventTime = WatermarkStrategy.<Stamped>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
                .withTimestampAssigner((record, previous) -> record.intendedNanos / 1_000_000);
        env.fromSource(new PacedSource(options.rate()), eventTime, "paced").setParallelism(1)
                .keyBy(new ModuloKey(keys), Types.LONG)
                .window(SlidingEventTimeWindows.of(LENGTH, SLIDE))
                .trigger(new EveryRecord())
                .aggregate(new CountLatest())
                .sinkTo(new LatencySink());
        JobClient job = env.executeAsync("peers-windowed-count");

        String config = "source | keyBy -> sliding event-time window " + LENGTH.toSeconds() + " s every " + SLIDE.toSeconds()
                + " s, fired per record -> count -> sink, window parallelism " + parallelism + ", " + keys
                + " keys, watermark 1 s, buffer timeout " + bufferTimeoutMs + " ms, checkpoints "
                + CHECKPOINT_INTERVAL_MS / 1000 + " s";
        return new FlinkJobPeer(job, config);
    }
}
