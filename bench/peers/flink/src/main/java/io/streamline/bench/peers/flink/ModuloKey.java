package io.streamline.bench.peers.flink;

import org.apache.flink.api.java.functions.KeySelector;

/** The grouping key of the keyed peers: the value modulo the key count, as streamline's workloads key by a pool. */
final class ModuloKey implements KeySelector<Stamped, Long> {
    private static final long serialVersionUID = 1L;
    private final long keys;

    ModuloKey(long keys) {
        this.keys = keys;
    }

    @Override
    public Long getKey(Stamped record) {
        return record.value % keys;
    }
}
