package io.streamline.journal;

import java.nio.file.Path;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/** Test helper: opens a journal queue directly through Chronicle, to damage it the ways a crash would. */
final class RawQueues {

    private RawQueues() {
    }

    static SingleChronicleQueue open(Path dir) {
        JournalSettings settings = JournalSettings.defaults();
        return SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(settings.rollCycle())
                .blockSize(settings.blockSizeBytes())
                .build();
    }
}
