package io.streamline.engine.state;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SuppressWarnings("unchecked")
class StateCodecTest {
    record Point(int x, String label) implements Serializable {
    }

    record NotSerializable(int x) {
    }

    /** A window's state key: a grouping key and a namespace record with primitive components. */
    record Window(long start, long end) implements Serializable {
    }

    record Mixed(short s, char c, float f, List<String> list, Point point) implements Serializable {
    }

    record Primitives(long a, int b, double c, boolean d) implements Serializable {
    }

    record Boxed(Long a, Integer b, Double c, Boolean d) implements Serializable {
    }

    record Holder(NotSerializable inner) implements Serializable {
    }

    @Test
    void shouldRoundTripCommonKeysAndSerializableValues() {
        for (Object value : List.of("héllo", 42L, 7, 2.5, true, new Point(3, "p"))) {
            assertThat(StateCodec.decode(StateCodec.encode(value))).isEqualTo(value);
        }
        assertThat(StateCodec.decode(StateCodec.encode(null))).isNull();
    }

    /** Snapshots written before the reusable-buffer encoder must still read: tag byte, then big-endian bytes. */
    @Test
    void shouldKeepTheSnapshotByteFormat() {
        assertThat(StateCodec.encode(258L)).containsExactly(2, 0, 0, 0, 0, 0, 0, 1, 2);
        assertThat(StateCodec.encode(258)).containsExactly(3, 0, 0, 1, 2);
        assertThat(StateCodec.encode("é")).containsExactly(1, 0xC3, 0xA9);
        assertThat(StateCodec.encode(true)).containsExactly(5, 1);
    }

    @Test
    void shouldEncodeIntoAReusedBufferAsIntoAFreshArray() {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4);
        for (Object value : List.of("a longer string than the buffer", 42L, 7, new Point(3, "p"), "x")) {
            int length = StateCodec.encode(value, buffer);
            assertThat(Arrays.copyOf(buffer.byteArray(), length)).isEqualTo(StateCodec.encode(value));
        }
        int length = StateCodec.encodeLong(-1, buffer);
        assertThat(StateCodec.decode(Arrays.copyOf(buffer.byteArray(), length))).isEqualTo(-1L);
    }

    /** Records get the compact form, not Java serialization: window keys are written tens of thousands per epoch. */
    @Test
    void shouldWriteRecordsCompactlyAndReadThemBack() throws java.io.IOException {
        NamespacedState.Entry<Long, Window> key = new NamespacedState.Entry<>(42L, new Window(5_000, 15_000));
        byte[] compact = StateCodec.encode(key);
        assertThat(StateCodec.decode(compact)).isEqualTo(key);
        assertThat(compact[0]).as("the record tag").isEqualTo((byte) 10);
        java.io.ByteArrayOutputStream serialized = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(serialized)) {
            out.writeObject(key);
        }
        assertThat(compact.length).as("compact against Java serialization's " + serialized.size() + " bytes")
                .isLessThan(serialized.size());
        Mixed mixed = new Mixed((short) -3, 'x', 1.5f, List.of("a", "b"), new Point(1, null));
        assertThat(StateCodec.decode(StateCodec.encode(mixed))).isEqualTo(mixed);
        assertThat(StateCodec.decode(StateCodec.encode(new NamespacedState.Entry<>(null, "n"))))
                .isEqualTo(new NamespacedState.Entry<>(null, "n"));
    }

    /**
     * Primitive components are written unboxed, in the bytes of their boxed values, so that snapshots written when
     * they were boxed read alike: after the class name the two records' bytes are the same.
     */
    @Test
    void shouldWritePrimitiveComponentsAsTheirBoxedValues() {
        Primitives primitives = new Primitives(-5_000_000_000L, 1_000, -2.25, true);
        byte[] unboxed = StateCodec.encode(primitives);
        byte[] boxed = StateCodec.encode(new Boxed(-5_000_000_000L, 1_000, -2.25, true));
        int unboxedName = Primitives.class.getName().length();
        int boxedName = Boxed.class.getName().length();
        assertThat(Arrays.copyOfRange(unboxed, 3 + unboxedName, unboxed.length))
                .isEqualTo(Arrays.copyOfRange(boxed, 3 + boxedName, boxed.length));
        assertThat(StateCodec.decode(unboxed)).isEqualTo(primitives);
    }

    /** The snapshot writer encodes every changed window key each epoch: boxing its longs filled the young generation. */
    @Test
    void shouldEncodeARecordsPrimitiveComponentsWithoutAllocating() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        NamespacedState.Entry<Long, Window> key = new NamespacedState.Entry<>(42_000L, new Window(5_000_000, 15_000_000));
        int entries = 20_000;
        for (int i = 0; i < entries; i++) { // the shape's method handles are made and linked on first use
            StateCodec.encode(key, buffer);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < entries; i++) {
            StateCodec.encode(key, buffer);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // Two boxed longs per key would be 32 bytes each time, 640,000 in all.
        assertThat(allocated).as("bytes allocated encoding %d window keys", entries).isLessThan(entries);
    }

    /** A join buffers rows per key and time in immutable lists: they get a compact form, read back as such lists. */
    @Test
    void shouldWriteImmutableListsCompactlyAndReadThemBack() {
        List<Point> rows = List.copyOf(List.of(new Point(1, "a"), new Point(2, "b"), new Point(3, null)));
        byte[] compact = StateCodec.encode(rows);
        assertThat(compact[0]).as("the list tag").isEqualTo((byte) 11);
        Object decoded = StateCodec.decode(compact);
        assertThat(decoded).isEqualTo(rows).isInstanceOf(List.of(1, 2, 3).getClass());
        assertThatThrownBy(() -> ((List<Object>) decoded).add(new Point(4, "d"))).isInstanceOf(UnsupportedOperationException.class);
// Java serialization made an ObjectOutputStream and its buffers (kilobytes) for every list at every marker.
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        int lists = 5_000;
        for (int i = 0; i < lists; i++) {
            StateCodec.encode(rows, buffer);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < lists; i++) {
            StateCodec.encode(rows, buffer);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated / lists).as("bytes allocated per list encoded").isLessThan(200);
        for (List<?> list : List.of(List.of(), List.of(7L), List.of("x", 2.5, List.of(true)))) {
            assertThat(StateCodec.decode(StateCodec.encode(list))).isEqualTo(list).isInstanceOf(list.getClass());
        }
    }

    /** Lists that List.of cannot rebuild (a null element, a mutable class) keep Java serialization and their class. */
    @Test
    void shouldKeepJavaSerializationForOtherLists() {
        List<String> withNull = java.util.stream.Stream.of("a", null).toList();
        java.util.ArrayList<String> mutable = new java.util.ArrayList<>(List.of("a", "b"));
        for (List<?> list : List.of(withNull, mutable)) {
            byte[] bytes = StateCodec.encode(list);
            assertThat(bytes[0]).as("Java serialization's tag").isEqualTo((byte) 9);
            assertThat(StateCodec.decode(bytes)).isEqualTo(list).isInstanceOf(list.getClass());
        }
    }

    /** Snapshots written before records had their compact form hold them Java-serialized: they must still read. */
    @Test
    void shouldReadRecordsJavaSerializedBySnapshotsOfEarlierVersions() throws java.io.IOException {
        Point point = new Point(3, "p");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(9);
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(point);
        }
        assertThat(StateCodec.decode(bytes.toByteArray())).isEqualTo(point);
    }

    @Test
    void shouldExplainWhyAValueCannotBeCheckpointed() {
        assertThatThrownBy(() -> StateCodec.encode(new NotSerializable(1)))
                .hasMessageContaining("cannot be checkpointed").hasMessageContaining("Serializable");
        assertThatThrownBy(() -> StateCodec.encode(new Holder(new NotSerializable(1))))
                .hasMessageContaining(NotSerializable.class.getName()).hasMessageContaining("cannot be checkpointed");
    }
}
