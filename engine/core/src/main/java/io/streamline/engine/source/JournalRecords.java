package io.streamline.engine.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How the {@code journal} sink stores a row and the {@code journal} source reads it back: one byte of type,
 * then the row. {@code 'S'}: a {@code String} as UTF-8, so text queues stay readable by any tool and cheap;
 * {@code 'J'}: any other {@link Serializable} row (records, maps, lists) with Java serialization. The source
 * returns what the sink was given: a {@code String} or the deserialized object. Java deserialization runs the
 * classes' own code: read only journals that your own pipelines wrote.
 *
 * <p>A sink in micro-batch mode brackets each batch's rows with {@code 'B'} (batch start) and {@code 'E'}
 * (batch end) entries holding the batch id: a reader delivers a batch's rows only once its end is in the
 * log, and drops a group a crash cut short (its batch is appended again, whole, when it is re-run).
 *
 * <p>A sink in continuous mode appends rows unbracketed, as they arrive, and {@code 'P'} (position) entries among
 * them: the epoch, a sequence and the writing query's id, saying that every row of that query whose
 * {@link io.streamline.engine.operator.RecordPosition#sequence()} lies below the sequence is in the journal ahead of
 * the entry. Readers never emit them nor count them as records (a micro-batch never ends on one); a restarted sink
 * reads the last one back to drop what it already wrote.
 */
public final class JournalRecords {
    static final byte STRING = 'S';
    static final byte JAVA = 'J';
    static final byte BATCH_START = 'B';
    static final byte BATCH_END = 'E';
    static final byte POSITION = 'P';
    /** Type byte, epoch, sequence; the query id follows. */
    private static final int POSITION_HEADER = 17;

    private JournalRecords() {
    }

    /**
     * Encodes a row.
     *
     * @throws IllegalArgumentException if the row is neither a {@code String} nor {@link Serializable}
     */
    public static byte[] encode(Object row) {
        if (row instanceof String s) {
            byte[] text = s.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[text.length + 1];
            out[0] = STRING;
            System.arraycopy(text, 0, out, 1, text.length);
            return out;
        }
        if (!(row instanceof Serializable)) {
            throw new IllegalArgumentException("The journal sink stores String or java.io.Serializable rows; "
                    + (row == null ? "got null" : row.getClass().getName() + " is neither (make it implement Serializable)"));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        bytes.write(JAVA);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(row);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("The journal sink cannot serialize a " + row.getClass().getName()
                    + ": it holds a " + e.getMessage() + ", which is not Serializable", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The entry that opens batch {@code id}'s rows. */
    public static byte[] batchStart(long id) {
        return ByteBuffer.allocate(9).put(BATCH_START).putLong(id).array();
    }

    /** The entry that closes batch {@code id}'s rows: from here on they are committed output. */
    public static byte[] batchEnd(long id) {
        return ByteBuffer.allocate(9).put(BATCH_END).putLong(id).array();
    }

    /** Whether {@code entry} is a batch start or end marker of the given kind. */
    static boolean isMarker(byte[] entry, byte kind) {
        return entry.length == 9 && entry[0] == kind;
    }

    /** The batch id of a marker entry. */
    public static long batchId(byte[] marker) {
        return ByteBuffer.wrap(marker, 1, 8).getLong();
    }

    /** Whether {@code entry} ends a batch. */
    public static boolean isBatchEnd(byte[] entry) {
        return isMarker(entry, BATCH_END);
    }

    /**
     * The continuous sink's position entry: every row of query {@code queryId} with a sequence below
     * {@code nextSequence} is in the journal ahead of it; {@code epoch} is the epoch it closed (for the log).
     */
    public static byte[] position(byte[] queryId, long epoch, long nextSequence) {
        return ByteBuffer.allocate(POSITION_HEADER + queryId.length).put(POSITION).putLong(epoch).putLong(nextSequence)
                .put(queryId).array();
    }

    /** Whether {@code entry} is a position entry. */
    public static boolean isPosition(byte[] entry) {
        return entry.length >= POSITION_HEADER && entry[0] == POSITION;
    }

    /** Whether the position entry {@code entry} was written by the query whose id is {@code queryId} (UTF-8). */
    public static boolean isPositionOf(byte[] entry, byte[] queryId) {
        return isPosition(entry) && Arrays.equals(entry, POSITION_HEADER, entry.length, queryId, 0, queryId.length);
    }

    /** The epoch of a position entry. */
    public static long positionEpoch(byte[] entry) {
        return ByteBuffer.wrap(entry, 1, 8).getLong();
    }

    /** The sequence of a position entry: the first one the journal does not hold. */
    public static long positionSequence(byte[] entry) {
        return ByteBuffer.wrap(entry, 9, 8).getLong();
    }

    /** Whether {@code entry} is a row (not a marker of either kind). */
    public static boolean isRow(byte[] entry) {
        return entry.length > 0 && (entry[0] == STRING || entry[0] == JAVA);
    }

    /**
     * Decodes a row.
     *
     * @throws IllegalStateException naming the index if the entry is not a row the journal sink wrote
     */
    public static Object decode(byte[] entry, long index) {
        if (entry.length > 0 && entry[0] == STRING) {
            return new String(entry, 1, entry.length - 1, StandardCharsets.UTF_8);
        }
        if (entry.length > 0 && entry[0] == JAVA) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(entry, 1, entry.length - 1))) {
                return in.readObject();
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalStateException("Cannot deserialize the journal entry at index " + index + ": " + e, e);
            }
        }
        throw new IllegalStateException("The journal entry at index " + index + " was not written by the journal sink"
                + " (type byte " + (entry.length == 0 ? "missing" : Arrays.toString(new byte[]{entry[0]})) + ")");
    }
}
