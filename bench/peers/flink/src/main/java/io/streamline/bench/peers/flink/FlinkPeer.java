package io.streamline.bench.peers.flink;

import io.streamline.bench.peers.PeerOptions;
import io.streamline.bench.peers.PeerRunner;
import io.streamline.bench.peers.RunningPeer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.Map;

/**
 * The stateless workload on Apache Flink: paced source -> map -> filter -> sink on a local MiniCluster,
 * parallelism 1 (the machine has two cores), checkpoints every second with Flink's defaults otherwise.
 * {@code --chaining split} starts a new chain at the map, so records cross a network buffer between two
 * tasks and the buffer timeout matters; {@code fused} lets Flink chain all four into one task (one thread),
 * where the buffer timeout has nothing to flush.
 */
public final class FlinkPeer {
    static final String USAGE = """
            usage: FlinkPeer --rate N --seconds S [--warmup S] --json FILE [--buffer-timeout-ms MS] [--chaining split|fused]
              --buffer-timeout-ms  how long an output buffer may wait before it is sent (default 100, Flink's default)
              --chaining           split: source | map -> filter -> sink (default); fused: one chained task""";
    private static final long CHECKPOINT_INTERVAL_MS = 1_000;

    private FlinkPeer() {
    }

    /** Runs the workload; see {@link #USAGE}. */
    public static void main(String[] args) {
        PeerRunner.main(USAGE, Map.of("--buffer-timeout-ms", "100", "--chaining", "split"), FlinkPeer::start, args);
    }

    private static RunningPeer start(PeerOptions options) throws Exception {
        long bufferTimeoutMs = options.longOption("--buffer-timeout-ms");
        boolean split = switch (options.option("--chaining")) {
            case "split" -> true;
            case "fused" -> false;
            default -> throw new IllegalArgumentException("--chaining: expected split or fused, got '"
                    + options.option("--chaining") + "'");
        };
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        env.setBufferTimeout(bufferTimeoutMs);
        env.enableCheckpointing(CHECKPOINT_INTERVAL_MS);

        SingleOutputStreamOperator<Stamped> mapped = env
                .fromSource(new PacedSource(options.rate()), WatermarkStrategy.noWatermarks(), "paced")
                .map(r -> new Stamped(r.intendedNanos, 3 * r.value)).returns(Stamped.class);
        if (split) {
            mapped.startNewChain();
        }
        // The filter keeps every record (so delivered == generated) but is still evaluated per record.
        mapped.filter(r -> r.value >= 0).sinkTo(new LatencySink());
        JobClient job = env.executeAsync("peers-stateless");

        String config = (split ? "source | map -> filter -> sink" : "fused chain") + ", buffer timeout "
                + bufferTimeoutMs + " ms, checkpoints " + CHECKPOINT_INTERVAL_MS / 1000 + " s";
        return new FlinkJobPeer(job, config);
    }
}
