package io.streamline.engine.disk;

import io.streamline.engine.Await;
import io.streamline.journal.EntryLog;
import io.streamline.journal.JournalSettings;
import io.streamline.journal.JournalWriteException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Child JVM of {@link FullDiskTest}, on a small tmpfs: appends entries of assorted sizes to a journal rolling every
 * second until the disk is full, appends again once the next cycle's file is due, frees some space and retries on
 * the same log, then reopens the log and compares what it reads with what was acknowledged.
 * Argument: the tmpfs directory.
 */
public final class FullJournalChild {
    static final String APPENDED = "appended before the failure";
    static final String FAILURE = "failure";
    static final String FAILURE_AT_ROLL = "failure at the next cycle";
    static final String RETRY = "retried append";
    static final String READ_BACK = "entries read back";
    static final String DIFFERING = "entries differing from the acknowledged ones";
    static final String LEFT_OVER = "files left in the journal but cycle files and metadata";

    private static final JournalSettings SETTINGS = JournalSettings.fastRolling();

    private FullJournalChild() {
    }

    public static void main(String[] args) throws Exception {
        Path fs = Path.of(args[0]);
        Path journal = fs.resolve("journal");
        Path ballast = fs.resolve("ballast");
        DiskFiller.write(ballast, 2 << 20); // room for the retry: a new cycle file of these settings takes ~1.1 MiB
        Random random = new Random(42);
        List<byte[]> acknowledged = new ArrayList<>();
        try (EntryLog log = EntryLog.open(journal, SETTINGS)) {
            byte[] entry;
            while (true) {
                entry = new byte[1 + random.nextInt(8192)];
                random.nextBytes(entry);
                try {
                    log.append(entry);
                    acknowledged.add(entry);
                } catch (JournalWriteException e) {
                    ChildReport.print(APPENDED, acknowledged.size());
                    ChildReport.print(FAILURE, ChildReport.chain(e));
                    break;
                }
            }
            long cycle = currentCycle();
            Await.until("the next cycle", Duration.ofSeconds(10), () -> currentCycle() > cycle);
            ChildReport.print(FAILURE_AT_ROLL, failureOf(log, entry));

            Files.delete(ballast);
            log.append(entry);
            acknowledged.add(entry);
            ChildReport.print(RETRY, "ok");
        }
        List<byte[]> read = new ArrayList<>();
        try (EntryLog log = EntryLog.open(journal, SETTINGS)) {
            log.forEach((index, payload) -> read.add(payload));
        }
        ChildReport.print(READ_BACK, read.size());
        long differing = 0;
        for (int i = 0; i < Math.min(read.size(), acknowledged.size()); i++) {
            differing += Arrays.equals(read.get(i), acknowledged.get(i)) ? 0 : 1;
        }
        ChildReport.print(DIFFERING, differing);
        try (var files = Files.list(journal)) {
            ChildReport.print(LEFT_OVER, files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.endsWith(".cq4") && !name.equals("metadata.cq4t")).toList());
        }
        ChildReport.done();
    }

    private static long currentCycle() {
        return System.currentTimeMillis() / SETTINGS.rollCycle().lengthInMillis();
    }

    private static String failureOf(EntryLog log, byte[] entry) {
        try {
            log.append(entry);
            return "none";
        } catch (JournalWriteException e) {
            return ChildReport.chain(e);
        }
    }
}
