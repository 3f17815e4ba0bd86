package io.streamline.operators.onnx;

import ai.onnxruntime.OrtEnvironment;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * ONNX Runtime 1.22's Java API extracts its native libraries into a new {@code onnxruntime-java*} directory under
 * {@code java.io.tmpdir} when it loads, and leaves that directory behind when the JVM exits (it registers the
 * directory for deletion before its files). Once the libraries are loaded they are no longer needed on disk (Linux
 * keeps a loaded library mapped), so the directory is removed right after loading. Where the runtime's private
 * field is not there (another ONNX Runtime version) nothing is removed.
 */
final class OrtTempDirectory {
    private static boolean done;

    private OrtTempDirectory() {
    }

    /** The environment, its native libraries loaded and their extraction directory removed. */
    static synchronized OrtEnvironment environment() {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        if (!done) {
            done = true;
            removeExtracted();
        }
        return environment;
    }

    private static void removeExtracted() {
        Path dir;
        try {
            Field field = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
            field.setAccessible(true);
            dir = (Path) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return;
        }
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // left for ONNX Runtime's own deleteOnExit
        }
    }
}
