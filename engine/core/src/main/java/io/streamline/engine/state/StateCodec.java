package io.streamline.engine.state;

import org.agrona.ExpandableArrayBuffer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Encodes state keys and values for snapshots: a one-byte type tag, then a compact form for strings and
 * boxed primitives (the common keys and aggregates), for {@link Serializable} records ({@link RecordCodec}: window
 * keys, accumulators), for immutable lists of those (a join's buffered rows) and Java serialization for anything
 * else. Runs once per entry per snapshot, never per
 * record.
 */
public final class StateCodec {
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte LONG = 2;
    private static final byte INT = 3;
    private static final byte DOUBLE = 4;
    private static final byte BOOLEAN = 5;
    private static final byte SERIALIZED = 9;
    private static final byte RECORD = 10;
    private static final byte LIST = 11;
    /**
     * The classes of {@code List.of} and {@code List.copyOf} lists: nothing can change them, so decoding them as
     * {@code List.of} gives back a list of the same kind. Other lists keep Java serialization, which restores their
     * own class.
     */
    private static final Set<Class<?>> IMMUTABLE_LISTS = Set.of(List.of().getClass(), List.of(0).getClass());

    private StateCodec() {
    }

    /** The bytes of {@code value}; fails with a clear message if it cannot be checkpointed. */
    public static byte[] encode(Object value) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        int length = encode(value, buffer); // may replace the buffer's array, so read it afterwards
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    /**
     * {@link #encode(Object)} through {@code scratch}, a buffer the caller reuses for every value it encodes, so that
     * what is allocated per value is its bytes alone.
     */
    public static byte[] encodeVia(Object value, ExpandableArrayBuffer scratch) {
        int length = encode(value, scratch); // may replace the buffer's array, so read it afterwards
        return Arrays.copyOf(scratch.byteArray(), length);
    }

    /**
     * Writes the bytes of {@code value} at the start of {@code buffer}, so that a caller encoding many entries
     * can reuse one buffer; for strings, longs and the other boxed primitives this allocates nothing beyond
     * the string's bytes.
     *
     * @return the number of bytes written
     */
    public static int encode(Object value, ExpandableArrayBuffer buffer) {
        return encode(value, buffer, 0);
    }

    /**
     * {@link #encode(Object, ExpandableArrayBuffer)} at {@code offset}, leaving the bytes before it as they are
     * (a snapshot entry's key group goes there).
     *
     * @return the number of bytes written from {@code offset}
     */
    public static int encode(Object value, ExpandableArrayBuffer buffer, int offset) {
        if (value == null) {
            buffer.putByte(offset, NULL);
            return 1;
        }
        if (value instanceof String s) {
            buffer.putByte(offset, STRING);
            return 1 + buffer.putStringWithoutLengthUtf8(offset + 1, s);
        }
        if (value instanceof Long l) {
            return encodeLong(l, buffer, offset);
        }
        if (value instanceof Integer i) {
            return encodeInt(i, buffer, offset);
        }
        if (value instanceof Double d) {
            return encodeDouble(d, buffer, offset);
        }
        if (value instanceof Boolean b) {
            return encodeBoolean(b, buffer, offset);
        }
        if (value instanceof Record r) {
            int length = RecordCodec.encode(r, RECORD, buffer, offset);
            if (length >= 0) {
                return length;
            }
        }
        if (value instanceof List<?> list && IMMUTABLE_LISTS.contains(value.getClass()) && !hasNull(list)) {
            return encodeList(list, buffer, offset);
        }
        byte[] serialized = serialize(value);
        buffer.putBytes(offset, serialized);
        return serialized.length;
    }

    /**
     * An immutable list in the codec's own form: the tag, the element count (4 bytes), then each element's encoded
     * length (4 bytes) and bytes, big-endian. A stream-stream join buffers its rows per key and time in such lists,
     * and Java serialization of them (an {@code ObjectOutputStream} per entry at every epoch marker, on the join's
     * thread) was most of what the join allocated.
     */
    private static int encodeList(List<?> list, ExpandableArrayBuffer buffer, int offset) {
        buffer.putByte(offset, LIST);
        buffer.putInt(offset + 1, list.size(), ByteOrder.BIG_ENDIAN);
        int at = offset + 5;
        for (Object element : list) {
            int length = encode(element, buffer, at + 4);
            buffer.putInt(at, length, ByteOrder.BIG_ENDIAN);
            at += 4 + length;
        }
        return at - offset;
    }

    /** Whether {@code list} holds a null (a {@code Stream.toList()} list may), which {@code List.of} cannot restore. */
    private static boolean hasNull(List<?> list) {
        for (Object element : list) { // contains(null) throws on a List.of list
            if (element == null) {
                return true;
            }
        }
        return false;
    }

    private static List<Object> decodeList(byte[] bytes, int offset, int length) {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset + 1, length - 1);
        Object[] elements = new Object[in.getInt()];
        for (int i = 0; i < elements.length; i++) {
            int elementLength = in.getInt();
            elements[i] = decode(bytes, in.position(), elementLength);
            in.position(in.position() + elementLength);
        }
        if (in.hasRemaining()) {
            throw new IllegalStateException("state snapshot entry of a list has " + in.remaining() + " bytes after its elements");
        }
        return List.of(elements);
    }

    /** {@link #encode(Object, ExpandableArrayBuffer)} of a long, without boxing it. */
    public static int encodeLong(long value, ExpandableArrayBuffer buffer) {
        return encodeLong(value, buffer, 0);
    }

    /** The form of a {@code Long} of {@code value}, written at {@code offset} without boxing it. */
    static int encodeLong(long value, ExpandableArrayBuffer buffer, int offset) {
        buffer.putByte(offset, LONG);
        buffer.putLong(offset + 1, value, ByteOrder.BIG_ENDIAN);
        return 9;
    }

    /** The form of an {@code Integer} of {@code value}, written at {@code offset} without boxing it. */
    static int encodeInt(int value, ExpandableArrayBuffer buffer, int offset) {
        buffer.putByte(offset, INT);
        buffer.putInt(offset + 1, value, ByteOrder.BIG_ENDIAN);
        return 5;
    }

    /** The form of a {@code Double} of {@code value}, written at {@code offset} without boxing it. */
    static int encodeDouble(double value, ExpandableArrayBuffer buffer, int offset) {
        buffer.putByte(offset, DOUBLE);
        buffer.putDouble(offset + 1, value, ByteOrder.BIG_ENDIAN);
        return 9;
    }

    /** The form of a {@code Boolean} of {@code value}, written at {@code offset} without boxing it. */
    static int encodeBoolean(boolean value, ExpandableArrayBuffer buffer, int offset) {
        buffer.putByte(offset, BOOLEAN);
        buffer.putByte(offset + 1, (byte) (value ? 1 : 0));
        return 2;
    }

    /** Whether {@code bytes} encode a {@link Long}. */
    public static boolean isLong(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == LONG;
    }

    /** The value {@link #encode} produced {@code bytes} from. */
    public static Object decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** The value encoded in {@code bytes[offset, offset + length)}. */
    static Object decode(byte[] bytes, int offset, int length) {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        byte tag = in.get();
        return switch (tag) {
            case NULL -> null;
            case STRING -> new String(bytes, offset + 1, length - 1, StandardCharsets.UTF_8);
            case LONG -> in.getLong();
            case INT -> in.getInt();
            case DOUBLE -> in.getDouble();
            case BOOLEAN -> in.get() != 0;
            case SERIALIZED -> deserialize(bytes, offset, length);
            case RECORD -> RecordCodec.decode(bytes, offset, length);
            case LIST -> decodeList(bytes, offset, length);
            default -> throw new IllegalStateException("state snapshot entry has unknown type tag " + tag);
        };
    }

    private static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(SERIALIZED);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalStateException("state of type " + value.getClass().getName()
                    + " cannot be checkpointed: use a String, a boxed primitive, or a java.io.Serializable type (a record implementing Serializable)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes, int offset, int length) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, offset + 1, length - 1))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("state snapshot entry cannot be read back: " + e.getMessage(), e);
        }
    }
}
