package io.streamline.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Walks the valid entries of an {@link EntryLog} in one direction, skipping documents that are not intact frames.
 * Belongs to the thread that uses it; close it to release the queue files it holds.
 */
public final class EntryCursor implements AutoCloseable {

    private final ExcerptTailer tailer;
    private long index = -1;
    private byte[] payload;

    EntryCursor(ExcerptTailer tailer) {
        this.tailer = tailer;
    }

    /**
     * Moves to the next valid entry.
     *
     * @return false once there are no more complete entries (an unfinished tail is never returned)
     */
    public boolean next() {
        while (true) {
            try (DocumentContext doc = tailer.readingDocument()) {
                if (!doc.isPresent()) {
                    return false;
                }
                if (!doc.isData()) {
                    continue;
                }
                byte[] frame = EntryFrame.read(doc.wire().bytes());
                if (frame != null) {
                    index = doc.index();
                    payload = frame;
                    return true;
                }
            }
        }
    }

    /** @return the Chronicle index of the current entry */
    public long index() {
        requireCurrent();
        return index;
    }

    /** @return the bytes of the current entry, owned by the caller */
    public byte[] payload() {
        requireCurrent();
        return payload;
    }

    private void requireCurrent() {
        if (payload == null) {
            throw new IllegalStateException("next() has not returned true yet");
        }
    }

    /** Releases the queue files this cursor holds. */
    @Override
    public void close() {
        tailer.close();
    }
}
