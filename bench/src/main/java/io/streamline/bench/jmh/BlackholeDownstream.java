package io.streamline.bench.jmh;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.runtime.Downstream;
import org.openjdk.jmh.infra.Blackhole;

/** The end of a benchmarked chain: consumes everything so the JIT cannot remove the work before it. */
final class BlackholeDownstream implements Downstream {
    private final Blackhole blackhole;

    BlackholeDownstream(Blackhole blackhole) {
        this.blackhole = blackhole;
    }

    @Override
    public void onRecord(Object value, RecordMeta meta) {
        blackhole.consume(value);
        blackhole.consume(meta.ingestNanos());
    }

    /** A running count's unboxed result, consumed as a sink that does not keep rows takes it. */
    @Override
    public void onKeyedLong(Object key, long value, RecordMeta meta) {
        blackhole.consume(key);
        blackhole.consume(value);
        blackhole.consume(meta.ingestNanos());
    }

    @Override
    public void onEpochMarker(long epoch, long watermark) {
        blackhole.consume(epoch);
        blackhole.consume(watermark);
    }

    @Override
    public void onEnd() {
        blackhole.consume(true);
    }
}
