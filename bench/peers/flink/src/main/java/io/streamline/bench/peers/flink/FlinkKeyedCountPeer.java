package io.streamline.bench.peers.flink;

import io.streamline.bench.peers.PeerOptions;
import io.streamline.bench.peers.PeerRunner;
import io.streamline.bench.peers.RunningPeer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.Map;

/**
 * The keyed-count workload on Apache Flink: paced source -> map -> {@code keyBy(value % keys)} -> running count
 * per key in keyed {@code ValueState} -> sink, on a local MiniCluster with checkpoints every second. The source
 * and map run as one task (parallelism 1, Flink's source has one split here); {@code keyBy} always crosses a
 * network buffer to the count, which runs chained with the sink at {@code --parallelism} (1 or 2), as streamline's
 * {@code keyed-count-2p} and {@code keyed-count-2p-x2} put a ring before one or two count instances.
 */
public final class FlinkKeyedCountPeer {
    static final String USAGE = """
            usage: FlinkKeyedCountPeer --rate N --seconds S [--warmup S] --json FILE [--parallelism P] [--keys K]
                                       [--buffer-timeout-ms MS]
              --parallelism        instances of the keyed count (default 1)
              --keys               distinct keys (default 1000, as streamline's keyed-count)
              --buffer-timeout-ms  how long an output buffer may wait before it is sent (default 0: lowest latency)""";
    private static final long CHECKPOINT_INTERVAL_MS = 1_000;

    private FlinkKeyedCountPeer() {
    }

    /** Runs the workload; see {@link #USAGE}. */
    public static void main(String[] args) {
        PeerRunner.main(USAGE, Map.of("--parallelism", "1", "--keys", "1000", "--buffer-timeout-ms", "0"),
                FlinkKeyedCountPeer::start, args);
    }

    /** The running count of each key, emitted with every record as streamline's update mode does. */
    private static final class RunningCount extends KeyedProcessFunction<Long, Stamped, Stamped> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<Long> count;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(Stamped record, Context context, Collector<Stamped> out) throws Exception {
            Long current = count.value();
            long next = current == null ? 1 : current + 1;
            count.update(next);
            out.collect(new Stamped(record.intendedNanos, next));
        }
    }

    private static RunningPeer start(PeerOptions options) throws Exception {
        int parallelism = (int) options.longOption("--parallelism");
        long keys = options.longOption("--keys");
        long bufferTimeoutMs = options.longOption("--buffer-timeout-ms");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
        env.setBufferTimeout(bufferTimeoutMs);
        env.enableCheckpointing(CHECKPOINT_INTERVAL_MS);

        env.fromSource(new PacedSource(options.rate()), WatermarkStrategy.noWatermarks(), "paced").setParallelism(1)
                .map(r -> new Stamped(r.intendedNanos, 3 * r.value)).returns(Stamped.class).setParallelism(1)
                .keyBy(new ModuloKey(keys), Types.LONG)
                .process(new RunningCount()).returns(Stamped.class)
                .sinkTo(new LatencySink());
        JobClient job = env.executeAsync("peers-keyed-count");

        String config = "source -> map | keyBy -> count -> sink, count parallelism " + parallelism + ", " + keys
                + " keys, buffer timeout " + bufferTimeoutMs + " ms, checkpoints " + CHECKPOINT_INTERVAL_MS / 1000 + " s";
        return new FlinkJobPeer(job, config);
    }
}
