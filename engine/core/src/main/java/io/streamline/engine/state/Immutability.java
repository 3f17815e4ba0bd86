package io.streamline.engine.state;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Set;
import java.util.UUID;

/**
 * Which state values may be handed to the snapshot writer by reference: values of a class no one can change once
 * built. Strings, boxed primitives, enums, {@code BigInteger}, {@code BigDecimal}, {@code UUID}, {@code java.time}
 * values, and records whose components are all of such classes (or primitives). A value of any other class may be
 * mutated by the operator after it was stored (a list it keeps adding to), so the state encodes it on the
 * operator's thread at the epoch marker instead, and the snapshot holds the value as it was at the marker.
 * Answers are cached per class.
 */
final class Immutability {
    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Long.class, Integer.class, Short.class, Byte.class,
            Double.class, Float.class, Boolean.class, Character.class, BigInteger.class, BigDecimal.class, UUID.class);

    private static final ClassValue<Boolean> CACHE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return decide(type);
        }
    };

    private Immutability() {
    }

    /** Whether values of {@code type} cannot change after construction. */
    static boolean isImmutable(Class<?> type) {
        return CACHE.get(type);
    }

    private static boolean decide(Class<?> type) {
        if (type.isPrimitive() || IMMUTABLE.contains(type) || type.isEnum()
                || java.time.ZoneId.class.isAssignableFrom(type)
                || TemporalAccessor.class.isAssignableFrom(type) && type.getName().startsWith("java.time.")) {
            return true;
        }
        if (!type.isRecord()) {
            return false;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> t = component.getType();
            // A component declared as an interface or Object may hold anything: only final types are known.
            if (!t.isPrimitive() && !IMMUTABLE.contains(t) && !t.isEnum() && !(t.isRecord() && isImmutable(t))
                    && !(TemporalAccessor.class.isAssignableFrom(t) && t.getName().startsWith("java.time."))) {
                return false;
            }
        }
        return true;
    }
}
