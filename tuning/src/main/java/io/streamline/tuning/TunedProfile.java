package io.streamline.tuning;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.config.IdleMode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Engine settings measured best on one machine by the auto-tuner, stored as a properties file the engine
 * loads with {@code StreamEngine.builder().apply(TunedProfile.load(path))}.
 *
 * @param name       where the settings came from, shown by {@code explain()}
 * @param idleMode   idle strategy of task threads
 * @param ringSize   ring slots
 * @param pollBatch  records per input per duty cycle
 * @param pinThreads whether task threads are pinned
 */
public record TunedProfile(String name, IdleMode idleMode, int ringSize, int pollBatch, boolean pinThreads)
        implements Consumer<StreamEngine.Builder> {

    @Override
    public void accept(StreamEngine.Builder builder) {
        builder.profile(name).idleMode(idleMode).ringSize(ringSize).pollBatch(pollBatch).pinThreads(pinThreads);
    }

    /** Writes the profile to {@code file}. */
    public void save(Path file, String comment) {
        Properties p = new Properties();
        p.setProperty("name", name);
        p.setProperty("idleMode", idleMode.name());
        p.setProperty("ringSize", Integer.toString(ringSize));
        p.setProperty("pollBatch", Integer.toString(pollBatch));
        p.setProperty("pinThreads", Boolean.toString(pinThreads));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, comment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tuned profile " + file, e);
        }
    }

    /**
     * Reads a profile written by {@link #save}.
     *
     * @throws IllegalArgumentException naming the file and the missing or malformed setting
     */
    public static TunedProfile load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tuned profile " + file, e);
        }
        try {
            return new TunedProfile(required(p, "name", file), IdleMode.valueOf(required(p, "idleMode", file)),
                    Integer.parseInt(required(p, "ringSize", file)), Integer.parseInt(required(p, "pollBatch", file)),
                    Boolean.parseBoolean(required(p, "pinThreads", file)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tuned profile " + file + " is malformed: " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("setting '" + key + "' is missing in " + file);
        }
        return v.trim();
    }
}
