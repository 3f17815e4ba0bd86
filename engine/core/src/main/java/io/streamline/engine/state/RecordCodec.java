package io.streamline.engine.state;

import org.agrona.ExpandableArrayBuffer;

import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compact form of a {@link Serializable} record in state snapshots: its class name, then each component in
 * {@link StateCodec}'s own form, length-prefixed. Java serialization writes class descriptors with every entry
 * (~290 bytes for a window's key, a {@code Long} and two {@code long}s) and costs the snapshot writer microseconds
 * per entry; state keyed by (key, window) changes tens of thousands of entries per epoch, so the writer fell behind
 * and held the record path back at the markers. Decoding calls the canonical constructor, as Java serialization
 * does for records. A record this form cannot reach (inaccessible, custom {@code writeReplace}/{@code readResolve},
 * more than 255 components) is left to Java serialization.
 *
 * <p>Layout after the tag byte: class name length (2 bytes) and UTF-8 name, component count (1 byte), then per
 * component its encoded length (4 bytes) and bytes; big-endian.
 */
final class RecordCodec {
    private static final int MAX_COMPONENTS = 255;

    /**
     * How a component is read: the primitives {@link StateCodec} has a form for are read and written unboxed,
     * since a window's key has two {@code long}s and boxing them was nearly all the snapshot writer's garbage
     * (tens of thousands of keys per epoch, young collections every few seconds); the bytes are the same as the
     * boxed value's, so decoding does not change.
     */
    private enum Kind {
        LONG, INT, DOUBLE, BOOLEAN, OBJECT;

        static Kind of(Class<?> type) {
            if (type == long.class) {
                return LONG;
            }
            if (type == int.class) {
                return INT;
            }
            if (type == double.class) {
                return DOUBLE;
            }
            return type == boolean.class ? BOOLEAN : OBJECT;
        }

        /** The accessor's type for this kind: the primitive itself, or {@code Object} (boxing the other primitives). */
        Class<?> accessorType(Class<?> componentType) {
            return this == OBJECT ? Object.class : componentType;
        }
    }

    /** How to take a record class apart and build it again; {@code accessors[i]} returns the type {@code kinds[i]} says. */
    private record Shape(Class<?> type, byte[] name, Kind[] kinds, MethodHandle[] accessors, MethodHandle constructor) {
    }

    /** Classes this form does not handle map to this. */
    private static final Shape NONE = new Shape(Object.class, new byte[0], new Kind[0], new MethodHandle[0], null);

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return shapeOf(type);
        }
    };

    private static final ConcurrentHashMap<String, Shape> BY_NAME = new ConcurrentHashMap<>();

    private RecordCodec() {
    }

    /**
     * Writes {@code value} at {@code offset} after the tag {@code tag}.
     *
     * @return the number of bytes written, or -1 if this record is left to Java serialization
     */
    static int encode(Record value, byte tag, ExpandableArrayBuffer buffer, int offset) {
        Shape shape = SHAPES.get(value.getClass());
        if (shape == NONE) {
            return -1;
        }
        buffer.putByte(offset, tag);
        buffer.putShort(offset + 1, (short) shape.name().length, ByteOrder.BIG_ENDIAN);
        buffer.putBytes(offset + 3, shape.name());
        int at = offset + 3 + shape.name().length;
        buffer.putByte(at++, (byte) shape.accessors().length);
        for (int i = 0; i < shape.accessors().length; i++) {
            int length = encodeComponent(value, shape.kinds()[i], shape.accessors()[i], buffer, at + 4);
            buffer.putInt(at, length, ByteOrder.BIG_ENDIAN);
            at += 4 + length;
        }
        return at - offset;
    }

    private static int encodeComponent(Record value, Kind kind, MethodHandle accessor, ExpandableArrayBuffer buffer, int offset) {
        try {
            return switch (kind) {
                case LONG -> StateCodec.encodeLong((long) accessor.invokeExact((Object) value), buffer, offset);
                case INT -> StateCodec.encodeInt((int) accessor.invokeExact((Object) value), buffer, offset);
                case DOUBLE -> StateCodec.encodeDouble((double) accessor.invokeExact((Object) value), buffer, offset);
                case BOOLEAN -> StateCodec.encodeBoolean((boolean) accessor.invokeExact((Object) value), buffer, offset);
                case OBJECT -> StateCodec.encode((Object) accessor.invokeExact((Object) value), buffer, offset);
            };
        } catch (RuntimeException e) { // the component's own encoding failed: its message names the type
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("component of " + value.getClass().getName() + " could not be read for a"
                    + " checkpoint: " + t, t);
        }
    }

    /** The record encoded in {@code bytes[offset, offset + length)}, tag included. */
    static Object decode(byte[] bytes, int offset, int length) {
        int nameLength = ((bytes[offset + 1] & 0xFF) << 8) | (bytes[offset + 2] & 0xFF);
        String name = new String(bytes, offset + 3, nameLength, StandardCharsets.UTF_8);
        Shape shape = BY_NAME.computeIfAbsent(name, RecordCodec::shapeNamed);
        int at = offset + 3 + nameLength;
        int count = bytes[at++] & 0xFF;
        if (count != shape.accessors().length) {
            throw new IllegalStateException("state snapshot entry of record " + name + " has " + count
                    + " components, but the class has " + shape.accessors().length + ": the class changed since the checkpoint");
        }
        Object[] components = new Object[count];
        for (int i = 0; i < count; i++) {
            int componentLength = ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                    | (bytes[at + 3] & 0xFF);
            components[i] = StateCodec.decode(bytes, at + 4, componentLength);
            at += 4 + componentLength;
        }
        if (at != offset + length) {
            throw new IllegalStateException("state snapshot entry of record " + name + " has " + (offset + length - at)
                    + " bytes after its components");
        }
        try {
            return (Object) shape.constructor().invokeExact(components);
        } catch (Throwable t) {
            throw new IllegalStateException("state snapshot entry of record " + name + " cannot be read back: " + t, t);
        }
    }

    private static Shape shapeNamed(String name) {
        Class<?> type;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            type = Class.forName(name, false, loader != null ? loader : RecordCodec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("state snapshot entry of record " + name + " cannot be read back: class not found", e);
        }
        Shape shape = SHAPES.get(type);
        if (shape == NONE) {
            throw new IllegalStateException("state snapshot entry names " + name + ", which is not a Serializable record");
        }
        return shape;
    }

    private static Shape shapeOf(Class<?> type) {
        if (!type.isRecord() || !Serializable.class.isAssignableFrom(type) || declares(type, "writeReplace")
                || declares(type, "readResolve")) {
            return NONE;
        }
        RecordComponent[] components = type.getRecordComponents();
        if (components.length > MAX_COMPONENTS) {
            return NONE;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Kind[] kinds = new Kind[components.length];
            MethodHandle[] accessors = new MethodHandle[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                java.lang.reflect.Method accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                types[i] = components[i].getType();
                kinds[i] = Kind.of(types[i]);
                accessors[i] = lookup.unreflect(accessor).asType(MethodType.methodType(kinds[i].accessorType(types[i]), Object.class));
            }
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            MethodHandle constructor = lookup.unreflectConstructor(canonical)
                    .asType(MethodType.genericMethodType(components.length))
                    .asSpreader(Object[].class, components.length);
            byte[] name = type.getName().getBytes(StandardCharsets.UTF_8);
            return name.length > Short.MAX_VALUE ? NONE : new Shape(type, name, kinds, accessors, constructor);
        } catch (ReflectiveOperationException | RuntimeException e) { // not accessible (a JDK-internal record): serialize it
            return NONE;
        }
    }

    private static boolean declares(Class<?> type, String method) {
        try {
            type.getDeclaredMethod(method);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
