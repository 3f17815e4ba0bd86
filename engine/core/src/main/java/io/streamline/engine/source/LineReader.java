package io.streamline.engine.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code '\n'}-terminated lines (a trailing {@code '\r'} is dropped) without decoding
 * them, so a line can go to a log as it arrived and be decoded, strictly or not, where it is used. A last line
 * without a terminator is returned at end of stream. The line's bytes are left in {@link #buffer()} after
 * {@code headerBytes} bytes the caller may fill (e.g. a write-ahead log's header), so nothing is copied.
 */
final class LineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final int headerBytes;
    private final BeforeRead beforeRead;
    private final byte[] chunk = new byte[64 << 10];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line;
    private int length;
    private boolean terminated;

    /**
     * @param in           the stream; this reader does its own buffering
     * @param maxLineBytes longest line accepted; a longer one fails with {@link LineTooLongException}
     * @param headerBytes  bytes kept free in front of each line in {@link #buffer()}
     */
    LineReader(InputStream in, int maxLineBytes, int headerBytes) {
        this(in, maxLineBytes, headerBytes, () -> { });
    }

    /**
     * @param beforeRead called before each read from {@code in}, which may block: every line returned so far has
     *                   been handled by then (e.g. to acknowledge them before waiting for more)
     */
    LineReader(InputStream in, int maxLineBytes, int headerBytes, BeforeRead beforeRead) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.headerBytes = headerBytes;
        this.beforeRead = beforeRead;
        this.line = new byte[headerBytes + 256];
    }

    /**
     * Reads the next line.
     *
     * @return {@code false} at end of stream
     * @throws LineTooLongException if the line exceeds the limit
     */
    boolean next() throws IOException {
        length = 0;
        while (true) {
            if (chunkPos == chunkEnd) {
                beforeRead.run();
                int n = in.read(chunk);
                if (n < 0) {
                    terminated = false;
                    return length > 0;
                }
                chunkPos = 0;
                chunkEnd = n;
            }
            int start = chunkPos;
            int end = start;
            while (end < chunkEnd && chunk[end] != '\n') {
                end++;
            }
            append(start, end - start);
            if (end < chunkEnd) {
                chunkPos = end + 1;
                if (length > 0 && line[headerBytes + length - 1] == '\r') {
                    length--;
                }
                terminated = true;
                return true;
            }
            chunkPos = chunkEnd;
        }
    }

    private void append(int from, int n) throws LineTooLongException {
        if (length + n > maxLineBytes) {
            throw new LineTooLongException("a line is longer than the limit of " + maxLineBytes + " bytes");
        }
        if (headerBytes + length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(headerBytes + length + n, line.length * 2));
        }
        System.arraycopy(chunk, from, line, headerBytes + length, n);
        length += n;
    }

    /** The buffer holding the current line at {@code [headerBytes, headerBytes + length())}; reused by the next call. */
    byte[] buffer() {
        return line;
    }

    /** Length of the current line in bytes, without terminator. */
    int length() {
        return length;
    }

    /** Bytes of a line that was being read when the stream failed, lost with it (0 if none). */
    int pendingBytes() {
        return length;
    }

    /** Whether the current line ended with {@code '\n'} (the last line of a stream may not). */
    boolean terminated() {
        return terminated;
    }

    /** What runs before a read from the stream. */
    @FunctionalInterface
    interface BeforeRead {
        void run() throws IOException;
    }

    /** A line longer than the reader's limit. */
    static final class LineTooLongException extends IOException {
        LineTooLongException(String message) {
            super(message);
        }
    }
}
