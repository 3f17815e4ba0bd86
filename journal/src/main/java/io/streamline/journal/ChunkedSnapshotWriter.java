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
    public void put(byte[] key, byte[] value) {
        requireOpen();
        out.writeInt(key.length);
        out.write(key);
        out.writeInt(value.length);
        out.write(value);
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
