package io.streamline.engine.runtime;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.state.GroupingKeys;
import io.streamline.engine.state.KeyGroups;

import java.util.function.Function;

/**
 * The key-partitioned exchange in front of a keyed operator with several instances (or in front of one input of a
 * keyed two-input operator, each input having exchanges of its own with its own key): the tail of one upstream
 * instance's chain, sending each record to the instance that owns its key's group, and every epoch marker and the
 * end to all instances, which align them as a union does (a marker follows every record before it on each path,
 * so an instance has seen all of an epoch's records once its markers aligned).
 *
 * <p>Each target is this producer's own single-producer ring to one instance (continuous mode), or the instance's
 * marker join (micro-batch). One ring per producer and consumer rather than one multi-producer ring per consumer:
 * claiming a slot is then a plain store instead of a CAS contended by every producer, and markers stay per input,
 * which alignment needs anyway (bench/README.md, "Parallel keyed execution", has the JMH comparison). Routing a
 * record costs the key function, a hash and an array lookup; nothing is allocated for strings and boxed
 * primitives as keys.
 */
public final class KeyExchange implements Downstream {
    private final Function<Object, Object> keyFn;
    private final String operatorId;
    private final KeyGroups groups;
    private final int[] owners;
    private final Downstream[] instances;

    /**
     * @param keyFn      the operator's grouping key
     * @param operatorId names the operator in the error for a null key
     * @param groups     the query's key groups; this exchange's own (it hashes on the producer's thread)
     * @param instances  the way into each instance, by instance number
     */
    public KeyExchange(Function<Object, Object> keyFn, String operatorId, KeyGroups groups, Downstream[] instances) {
        this.keyFn = keyFn;
        this.operatorId = operatorId;
        this.groups = groups;
        this.owners = groups.owners(instances.length);
        this.instances = instances.clone();
    }

    @Override
    public void onRecord(Object value, RecordMeta meta) {
        Object key = GroupingKeys.keyOf(keyFn, value, operatorId);
        instances[owners[groups.groupOf(key)]].onRecord(value, meta);
    }

    @Override
    public void onEpochMarker(long epoch, long watermark) {
        for (Downstream instance : instances) {
            instance.onEpochMarker(epoch, watermark);
        }
    }

    @Override
    public void onEnd() {
        for (Downstream instance : instances) {
            instance.onEnd();
        }
    }
}
