package io.streamline.journal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/** The roll-cycle files of a queue: which file holds a cycle, and deleting the ones before a given cycle. */
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
        RollingResourcesCache names = names(queue);
        File[] files = queue.file().listFiles((d, name) -> name.endsWith(SUFFIX));
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

    /** @return the file that holds {@code cycle} of {@code queue}, whether or not it exists yet */
    static File fileOf(SingleChronicleQueue queue, int cycle) {
        return names(queue).resourceFor(cycle).path;
    }

    // Chronicle's own name<->cycle mapping, so that file names are parsed and made exactly as the queue does.
    private static RollingResourcesCache names(SingleChronicleQueue queue) {
        File dir = queue.file();
        return new RollingResourcesCache(queue.rollCycle(), queue.epoch(), name -> new File(dir, name + SUFFIX),
                CycleFiles::baseName);
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
