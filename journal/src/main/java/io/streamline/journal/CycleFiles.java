package io.streamline.journal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/** Deletes the roll-cycle files of a queue that lie wholly before a given cycle. */
final class CycleFiles {

    private static final String SUFFIX = SingleChronicleQueue.SUFFIX;

    private CycleFiles() {
    }

    /**
     * Deletes every cycle file older than {@code keepCycle}. Never deletes the queue's last cycle, so the file an
     * appender writes to survives whatever is asked.
     */
    static void deleteBefore(SingleChronicleQueue queue, int keepCycle) {
        int bound = Math.min(keepCycle, queue.lastCycle());
        File dir = queue.file();
        // Chronicle's own name<->cycle mapping, so that file names are parsed exactly as the queue writes them.
        RollingResourcesCache names = new RollingResourcesCache(queue.rollCycle(), queue.epoch(),
                name -> new File(dir, name + SUFFIX), CycleFiles::baseName);
        File[] files = dir.listFiles((d, name) -> name.endsWith(SUFFIX));
        if (files == null) {
            return;
        }
        boolean deleted = false;
        for (File file : files) {
            if (names.parseCount(baseName(file)) < bound) {
                delete(file);
                deleted = true;
            }
        }
        if (deleted) {
            // The queue caches the first and last cycle in its directory-listing file; without a refresh, a new
            // tailer would start at a cycle that no longer exists.
            queue.refreshDirectoryListing();
        }
    }

    private static String baseName(File file) {
        String name = file.getName();
        return name.substring(0, name.length() - SUFFIX.length());
    }

    private static void delete(File file) {
        try {
            Files.deleteIfExists(file.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete old journal file " + file, e);
        }
    }
}
