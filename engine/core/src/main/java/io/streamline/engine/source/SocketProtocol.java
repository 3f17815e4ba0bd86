package io.streamline.engine.source;

import io.streamline.engine.config.Options;
import io.streamline.journal.EntryLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The line protocol a socket source speaks (option {@code protocol}) and the shape of its write-ahead log's entries,
 * which differ: a log written in one protocol cannot be read in the other, so the log's directory records the
 * protocol that wrote it and a source refuses a log of the other one.
 */
enum SocketProtocol {
    /** Lines as they come, Spark's protocol: entry = receive {@code nanoTime}, receive epoch millis, text. */
    PLAIN(16),
    /** {@link AckProtocol}: entry = receive {@code nanoTime}, receive epoch millis, the line's number, text. */
    ACK(24);

    /** The file in the log's directory that marks a log written in {@link #ACK}. */
    static final String ACK_MARKER = "streamline-protocol-ack";
    /** Reads and writes the entry header's little-endian longs in place. */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Where the line's number is in an {@link #ACK} entry. */
    static final int NUMBER_AT = 16;

    private final int headerBytes;

    SocketProtocol(int headerBytes) {
        this.headerBytes = headerBytes;
    }

    /** Bytes in front of the text in each log entry. */
    int headerBytes() {
        return headerBytes;
    }

    /** The protocol named by option {@code protocol}: {@code plain} (the default) or {@code ack}. */
    static SocketProtocol of(Options options) {
        String name = options.string("protocol", "plain");
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "plain" -> PLAIN;
            case "ack" -> ACK;
            default -> throw new IllegalArgumentException("Option 'protocol' of source 'socket' must be 'plain' (lines as"
                    + " they come) or 'ack' (numbered lines, acknowledged once logged: " + AckProtocol.NAME + " "
                    + AckProtocol.VERSION + "), got '" + name + "'");
        };
    }

    /**
     * Fails unless the log at {@code dir} was written in this protocol or is empty; marks an empty log as
     * {@link #ACK}'s before anything is appended to it.
     */
    void claim(EntryLog wal, Path dir) {
        Path marker = dir.resolve(ACK_MARKER);
        boolean markedAck = Files.exists(marker);
        if (this == PLAIN && markedAck || this == ACK && !markedAck && wal.last().isPresent()) {
            SocketProtocol other = this == PLAIN ? ACK : PLAIN;
            throw new IllegalStateException("The write-ahead log at " + dir + " was written with option protocol '"
                    + other.optionValue() + "', but the source now has protocol '" + optionValue() + "': a log's entries"
                    + " differ by protocol. Keep protocol '" + other.optionValue() + "' for this checkpoint, or start"
                    + " on a new one");
        }
        if (this == ACK && !markedAck) {
            try {
                Files.writeString(marker, AckProtocol.NAME + " " + AckProtocol.VERSION + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot mark the write-ahead log at " + dir + " as the ack protocol's", e);
            }
        }
    }

    /** The number of the last line an {@link #ACK} log holds, 0 if none. */
    static long lastNumber(EntryLog wal) {
        return wal.last().map(entry -> (long) LONGS.get(entry, NUMBER_AT)).orElse(0L);
    }

    /** The option's value naming this protocol. */
    String optionValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
