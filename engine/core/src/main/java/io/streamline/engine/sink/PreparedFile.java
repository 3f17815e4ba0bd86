package io.streamline.engine.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One epoch's file of one {@link FileSink} partition between the epoch's marker and its commit: its bytes, held
 * by an {@link EpochBuffer} (in memory, or partly written to the temporary file if the epoch spilled).
 * {@link #persist()} writes them to the temporary file, fsyncs it and returns a handle naming it, which the
 * engine stores in the commit record; {@link #commit()} renames it into place, fsyncs the directory and appends
 * its entry to the metadata log. Both run on the engine's committer thread. {@link #fromHandle} rebuilds it from a
 * commit record after a crash, where {@code commit()} finishes whatever the crash interrupted.
 */
final class PreparedFile implements EpochOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path temp;
    private final Path target;
    private final long epoch;
    private final int partition;
    private final long rows;
    private final long bytes;
    /** The epoch's bytes until {@link #persist()} wrote them; {@code null} for a file rebuilt from a handle. */
    private EpochBuffer content;

    PreparedFile(Path dir, Path temp, Path target, long epoch, int partition, long rows, long bytes, EpochBuffer content) {
        this.dir = dir;
        this.temp = temp;
        this.target = target;
        this.epoch = epoch;
        this.partition = partition;
        this.rows = rows;
        this.bytes = bytes;
        this.content = content;
    }

    /** The prepared file a commit record's handle names. */
    static PreparedFile fromHandle(String handle) throws IOException {
        JsonNode h = JSON.readTree(handle);
        Path dir = Path.of(h.get("dir").asText());
        return new PreparedFile(dir, dir.resolve(h.get("temp").asText()), dir.resolve(h.get("file").asText()),
                h.get("epoch").asLong(), h.get("partition").asInt(), h.get("rows").asLong(), h.get("bytes").asLong(), null);
    }

    @Override
    public String persist() throws IOException {
        try (FileChannel channel = content.writeTo()) {
            channel.force(true);
        }
        content = null;
        Map<String, Object> handle = new LinkedHashMap<>();
        handle.put("dir", dir.toString());
        handle.put("temp", temp.getFileName().toString());
        handle.put("file", target.getFileName().toString());
        handle.put("epoch", epoch);
        handle.put("partition", partition);
        handle.put("rows", rows);
        handle.put("bytes", bytes);
        return JSON.writeValueAsString(handle);
    }

    /** Renames the file into place and lists it in the metadata log; after a crash, finishes what is missing. */
    @Override
    public void commit() throws IOException {
        if (Files.exists(temp)) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
            appendToLog();
        } else if (Files.exists(target)) {
            if (!FileSink.committedFiles(dir).contains(target.getFileName().toString())) {
                appendToLog(); // the crash came between the rename and the log entry
            }
        } else {
            throw new IOException("The committed file of epoch " + epoch + " is gone: neither " + temp + " nor " + target
                    + " exists (was the output directory changed by hand?)");
        }
    }

    /** The epoch was already committed by an earlier run of the query: drop this copy. */
    void discard() throws IOException {
        content.discard();
        content = null;
    }

    private void appendToLog() throws IOException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("epoch", epoch);
        entry.put("partition", partition);
        entry.put("file", target.getFileName().toString());
        entry.put("rows", rows);
        entry.put("bytes", bytes);
        entry.put("committedAt", System.currentTimeMillis());
        byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel log = FileChannel.open(dir.resolve(FileSink.METADATA), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                log.write(buf);
            }
            log.force(true);
        }
    }

    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for syncing; the rename itself is still atomic.
        }
    }
}
