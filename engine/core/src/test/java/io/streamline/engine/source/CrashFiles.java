package io.streamline.engine.source;

import io.streamline.journal.EntryLog;
import io.streamline.journal.JournalSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads what the crash tests' children left on disk. */
final class CrashFiles {
    private CrashFiles() {
    }

    /** The visible (renamed into place) output files of a file sink. */
    static Set<String> visibleParts(Path out) {
        if (!Files.isDirectory(out)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("part-")).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of some output files. */
    static List<String> lines(Path out, Set<String> parts) {
        List<String> lines = new ArrayList<>();
        for (String part : parts) {
            try {
                lines.addAll(Files.readAllLines(out.resolve(part), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    /** Every entry of a journal log. */
    static List<byte[]> entries(Path dir) {
        List<byte[]> entries = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (EntryLog log = EntryLog.open(dir, JournalSettings.defaults())) {
                log.forEach((index, payload) -> entries.add(payload));
            }
        }
        return entries;
    }
}
