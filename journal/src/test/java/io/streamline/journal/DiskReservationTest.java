package io.streamline.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.PrecreatedFiles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a full disk needs of Chronicle, checked on a disk with space: the full disk itself is FullDiskTest's (engine). */
class DiskReservationTest {

    @TempDir
    Path dir;

    @Test
    void shouldPrecreateTheFileOfANewCycleForChronicleToRenameIntoPlace() throws Exception {
        try (SingleChronicleQueue queue = RawQueues.open(dir);
             DiskReservation reservation = new DiskReservation(queue);
             ExcerptAppender appender = queue.createAppender()) {
            File cycleFile = CycleFiles.fileOf(queue, queue.cycle());
            Path precreated = PrecreatedFiles.preCreatedFile(cycleFile).toPath();

            reservation.beforeAppend();
            Object inode = Files.getAttribute(precreated, "unix:ino");
            assertThat(Files.size(precreated)).isGreaterThan(DiskReservation.STEP);
            try (DocumentContext doc = appender.writingDocument()) {
                doc.wire().bytes().writeInt(42);
            }

            assertThat(precreated).doesNotExist();
            assertThat(Files.getAttribute(cycleFile.toPath(), "unix:ino")).as("the very file precreated")
                    .isEqualTo(inode);
        }
    }

    @Test
    void shouldLeaveEntriesIntactAcrossManyReservations() {
        int entries = 3 * DiskReservation.STEP / 1000;
        try (EntryLog log = EntryLog.open(dir, JournalSettings.defaults())) {
            for (int i = 0; i < entries; i++) {
                log.append(EntryLogTest.bytes("entry " + i + " ".repeat(990)));
            }
        }
        try (EntryLog log = EntryLog.open(dir, JournalSettings.defaults())) {
            int[] seen = {0};
            log.forEach((index, payload) -> assertThat(EntryLogTest.text(payload).strip()).isEqualTo("entry " + seen[0]++));
            assertThat(seen[0]).isEqualTo(entries);
        }
    }
}
