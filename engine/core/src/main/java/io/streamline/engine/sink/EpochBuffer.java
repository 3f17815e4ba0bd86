package io.streamline.engine.sink;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of one epoch's file of one {@link FileSink} partition, as the task thread encodes its rows: held in
 * memory, so the task thread makes no system call for the file at all; the committer thread creates the
 * temporary file and writes them ({@link #writeTo()}) before it fsyncs. Measured on the 600 s JSON-sink run of
 * issue 9 (JFR, {@code jdk.FileWrite} over 1 ms): with the file created and written on the task thread, its
 * {@code write(2)} calls took 1 to 16 ms several times a minute (the committer thread fsyncing the previous
 * epoch's file meanwhile), and every such call stalled the whole fused chain.
 *
 * <p>Memory stays bounded whatever an epoch holds: once more than its limit ({@link #MEMORY_LIMIT} in the sink) would be kept, the
 * buffer <em>spills</em>: it creates the temporary file itself and from then on writes through, as a buffered
 * stream would (the task thread then does the system calls, as before this class). The byte array is taken from
 * and given back to the partition's pool, so an epoch allocates no large array once the pool holds one of the
 * epoch's size.
 */
final class EpochBuffer extends OutputStream {
    /** The most bytes an epoch keeps in memory before it spills to its file on the task thread. */
    static final int MEMORY_LIMIT = 16 << 20;
    /** The size of a new array: a 100 ms epoch at 100k rows/s of ~50 B fits after three doublings. */
    private static final int INITIAL_CAPACITY = 64 << 10;

    private final Path temp;
    private final ManyToOneConcurrentArrayQueue<byte[]> pool;
    private final int limit;
    private byte[] bytes;
    private int length;
    private long count;
    /** The temporary file once the buffer spilled (or the committer created it), else {@code null}. */
    private FileChannel channel;

    /**
     * @param temp the temporary file to create when the bytes are written (by the committer, or on a spill)
     * @param pool  arrays earlier epochs gave back; one is taken if there is one
     * @param limit the most bytes kept in memory before the buffer spills to the file
     */
    EpochBuffer(Path temp, ManyToOneConcurrentArrayQueue<byte[]> pool, int limit) {
        this.temp = temp;
        this.pool = pool;
        this.limit = limit;
        byte[] free = pool.poll();
        this.bytes = free != null ? free : new byte[Math.min(INITIAL_CAPACITY, limit)];
    }

    /** The temporary file the bytes go to. */
    Path temp() {
        return temp;
    }

    /** Bytes written so far. */
    long count() {
        return count;
    }

    @Override
    public void write(int b) throws IOException {
        if (length == bytes.length) {
            makeRoom(1);
        }
        bytes[length++] = (byte) b;
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > bytes.length - length) {
            makeRoom(len);
        }
        if (len > bytes.length - length) { // spilled, and larger than the whole array: straight to the file
            write(ByteBuffer.wrap(b, off, len));
        } else {
            System.arraycopy(b, off, bytes, length, len);
            length += len;
        }
        count += len;
    }

    /** Grows the array while the epoch fits in memory; past the limit, spills what it holds to the file. */
    private void makeRoom(int needed) throws IOException {
        long wanted = (long) length + needed;
        if (channel == null && wanted <= limit) {
            int capacity = bytes.length;
            while (capacity < wanted) {
                capacity *= 2;
            }
            byte[] grown = new byte[capacity];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
            return;
        }
        drain();
    }

    /**
     * On the committer thread: creates the temporary file if the buffer never spilled, writes what is still held
     * in memory, and returns the file's channel, open, for the fsync. The array goes back to the pool.
     */
    FileChannel writeTo() throws IOException {
        drain();
        release();
        return channel;
    }

    /** Drops the epoch's bytes: closes and deletes its file if one was created, gives the array back. */
    void discard() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        Files.deleteIfExists(temp);
        release();
    }

    private void drain() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        write(ByteBuffer.wrap(bytes, 0, length));
        length = 0;
    }

    private void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private void release() {
        if (bytes != null) {
            pool.offer(bytes); // a full pool drops it: more epochs in flight than arrays kept
            bytes = null;
        }
    }
}
