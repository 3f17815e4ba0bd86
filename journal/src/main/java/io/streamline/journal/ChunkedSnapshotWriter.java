package io.streamline.journal;

/** Writes a snapshot as header, chunked record stream and trailer (see {@link SnapshotFormat}). */
final class ChunkedSnapshotWriter implements SnapshotWriter {

    private final EntryLog log;
    private final long ref;
    private final ChunkOutput out;
    private long entryCount;
    private boolean finished;

    ChunkedSnapshotWriter(EntryLog log, long epoch) {
        this.log = log;
        this.ref = log.append(SnapshotFormat.header(epoch));
        this.out = new ChunkOutput(log);
    }

    @Override
    public void put(byte[] key, int keyLength, byte[] value, int valueLength) {
        requireOpen();
        out.writeInt(keyLength);
        out.write(key, keyLength);
        out.writeInt(valueLength);
        out.write(value, valueLength);
        entryCount++;
    }

    @Override
    public long finish() {
        requireOpen();
        log.append(SnapshotFormat.trailer(entryCount, out.finish()));
        finished = true;
        return ref;
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("Snapshot 0x" + Long.toHexString(ref) + " is already finished");
        }
    }
}
