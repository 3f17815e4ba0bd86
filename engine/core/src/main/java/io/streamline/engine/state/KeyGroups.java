package io.streamline.engine.state;

import org.agrona.ExpandableArrayBuffer;

/**
 * Splits keyed state into a fixed number of key groups (Flink's {@code maxParallelism}): a key's group is a stable
 * hash of the key, the same in every JVM and every run, and the instances of a keyed operator own contiguous
 * ranges of groups. State is snapshotted with each entry's group, so a query restarted with another parallelism
 * gives each instance exactly the groups it now owns.
 *
 * <p>Stable means: strings and boxed primitives hash by their {@code hashCode}, which the JDK specifies; any other
 * key by its {@link StateCodec} encoding (an enum's or a plain object's {@code hashCode} differs between JVMs, and
 * a record's is unspecified). An instance encodes into a buffer of its own, so it belongs to one thread.
 */
public final class KeyGroups {
    private final int count;
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(64);

    /** One instance's groups: {@code from} inclusive to {@code to} exclusive. */
    public record Range(int from, int to) {
        /** Whether {@code group} is in the range. */
        public boolean contains(int group) {
            return group >= from && group < to;
        }

        @Override
        public String toString() {
            return "key groups " + from + ".." + (to - 1);
        }
    }

    /** @param count the number of key groups, at least 1 */
    public KeyGroups(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("key groups must be at least 1, got " + count);
        }
        this.count = count;
    }

    /** The number of key groups. */
    public int count() {
        return count;
    }

    /** The group of a (non-null) grouping key. */
    public int groupOf(Object key) {
        return Math.floorMod(mix(stableHash(key)), count);
    }

    /** The groups instance {@code instance} of {@code parallelism} owns: an equal share, contiguous. */
    public Range rangeOf(int instance, int parallelism) {
        return new Range(first(instance, parallelism), first(instance + 1, parallelism));
    }

    /** The instance of {@code parallelism} that owns each group, indexed by group. */
    public int[] owners(int parallelism) {
        int[] owners = new int[count];
        for (int instance = 0; instance < parallelism; instance++) {
            Range range = rangeOf(instance, parallelism);
            for (int group = range.from(); group < range.to(); group++) {
                owners[group] = instance;
            }
        }
        return owners;
    }

    private int first(int instance, int parallelism) {
        return (int) ((long) instance * count / parallelism);
    }

    private int stableHash(Object key) {
        if (key instanceof String || key instanceof Long || key instanceof Integer || key instanceof Short
                || key instanceof Byte || key instanceof Character || key instanceof Boolean || key instanceof Double) {
            return key.hashCode();
        }
        int length = StateCodec.encode(key, scratch);
        int hash = 1;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + scratch.getByte(i);
        }
        return hash;
    }

    /** Murmur3's finaliser: neighbouring hash codes (consecutive numbers) land in unrelated groups. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
