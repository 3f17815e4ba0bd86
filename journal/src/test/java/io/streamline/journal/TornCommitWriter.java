package io.streamline.journal;

import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Child-JVM program for {@link TornTailTest}: commits epochs 1..n, then dies in the middle of writing commit n+1,
 * with the Chronicle document open and half its payload written, the way kill -9 would leave it.
 */
public final class TornCommitWriter {

    static final String TORN_MARKER = "halting inside an open document";

    private TornCommitWriter() {
    }

    /** @param args checkpoint location, number of complete commits */
    public static void main(String[] args) {
        Path checkpoint = Path.of(args[0]);
        int complete = Integer.parseInt(args[1]);
        try (CommitLog log = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            for (int epoch = 1; epoch <= complete; epoch++) {
                log.append(CommitLogTest.commit(epoch));
            }
        }
        byte[] payload = CommitRecordCodec.encode(CommitLogTest.commit(complete + 1));
        SingleChronicleQueue queue = RawQueues.open(checkpoint.resolve(CommitLog.DIR_NAME));
        ExcerptAppender appender = queue.createAppender();
        DocumentContext doc = appender.writingDocument();
        Bytes<?> out = doc.wire().bytes();
        out.writeInt(payload.length);
        out.writeInt(0);
        out.write(payload, 0, payload.length / 2);
        System.out.println(TORN_MARKER);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
