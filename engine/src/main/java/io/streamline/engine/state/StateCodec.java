package io.streamline.engine.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes state keys and values for snapshots: a one-byte type tag, then a compact form for strings and
 * boxed primitives (the common keys and aggregates) and Java serialization for anything else. Runs once per
 * entry per snapshot, never per record.
 */
public final class StateCodec {
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte LONG = 2;
    private static final byte INT = 3;
    private static final byte DOUBLE = 4;
    private static final byte BOOLEAN = 5;
    private static final byte SERIALIZED = 9;

    private StateCodec() {
    }

    /** The bytes of {@code value}; fails with a clear message if it cannot be checkpointed. */
    public static byte[] encode(Object value) {
        if (value == null) {
            return new byte[]{NULL};
        }
        if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + utf8.length).put(STRING).put(utf8).array();
        }
        if (value instanceof Long l) {
            return ByteBuffer.allocate(9).put(LONG).putLong(l).array();
        }
        if (value instanceof Integer i) {
            return ByteBuffer.allocate(5).put(INT).putInt(i).array();
        }
        if (value instanceof Double d) {
            return ByteBuffer.allocate(9).put(DOUBLE).putDouble(d).array();
        }
        if (value instanceof Boolean b) {
            return new byte[]{BOOLEAN, (byte) (b ? 1 : 0)};
        }
        return serialize(value);
    }

    /** Whether {@code bytes} encode a {@link Long}. */
    public static boolean isLong(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == LONG;
    }

    /** The value {@link #encode} produced {@code bytes} from. */
    public static Object decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte tag = in.get();
        return switch (tag) {
            case NULL -> null;
            case STRING -> new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
            case LONG -> in.getLong();
            case INT -> in.getInt();
            case DOUBLE -> in.getDouble();
            case BOOLEAN -> in.get() != 0;
            case SERIALIZED -> deserialize(bytes);
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

    private static Object deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("state snapshot entry cannot be read back: " + e.getMessage(), e);
        }
    }
}
