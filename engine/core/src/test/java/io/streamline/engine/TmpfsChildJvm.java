package io.streamline.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link ChildJvm} that sees a small tmpfs at a directory: a real file system that fills up, for tests of a full
 * disk. This JVM mounts it when it may (root, as in CI); otherwise the child runs in a mount namespace of its own
 * ({@code unshare -Urm}), where an unprivileged user may mount, and the mount is invisible to this JVM. Either way
 * only the child uses the file system. {@link #close()} kills the child and unmounts: no mount outlives the test.
 */
public final class TmpfsChildJvm implements AutoCloseable {
    /** Exit code of the child's launcher when the mount fails in the namespace too; its log says why. */
    private static final int MOUNT_FAILED = 97;

    private static final String MOUNT_IN_NAMESPACE = "dir=$1; size=$2; refused=$3; shift 3; "
            + "mount -t tmpfs -o size=$size tmpfs \"$dir\" || { echo \"cannot mount a tmpfs at $dir: this JVM may not"
            + " ($refused) and a user namespace may not either (unshare -Urm)\"; exit " + MOUNT_FAILED + "; }; "
            + "exec \"$@\"";

    private final ChildJvm child;
    /** Where this JVM mounted the tmpfs, or {@code null} if it lives in the child's namespace. */
    private final Path mountedHere;

    private TmpfsChildJvm(ChildJvm child, Path mountedHere) {
        this.child = child;
        this.mountedHere = mountedHere;
    }

    /**
     * Mounts a tmpfs of {@code sizeKiB} at {@code mountPoint} (created if missing) and starts {@code mainClass}
     * with {@code args}; its output goes to {@code log}.
     *
     * @throws IOException if neither this JVM nor {@code unshare} can be run to mount
     */
    public static TmpfsChildJvm start(Path mountPoint, int sizeKiB, Class<?> mainClass, Path log, String... args)
            throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        String size = sizeKiB + "k";
        String refused = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString());
        if (refused == null) {
            try {
                return new TmpfsChildJvm(ChildJvm.start(mainClass, log, args), mountPoint);
            } catch (IOException | RuntimeException e) {
                unmount(mountPoint);
                throw e;
            }
        }
        List<String> launcher = List.of("unshare", "-Urm", "sh", "-c", MOUNT_IN_NAMESPACE, "tmpfs-child",
                mountPoint.toString(), size, refused);
        try {
            return new TmpfsChildJvm(ChildJvm.start(launcher, mainClass, log, List.of(), args), null);
        } catch (IOException e) {
            throw new IOException("cannot mount a tmpfs at " + mountPoint + ": this JVM may not (" + refused
                    + ") and unshare cannot be run", e);
        }
    }

    /** The child, to wait on and read. */
    public ChildJvm child() {
        return child;
    }

    /** Kills the child if it still runs, then unmounts what this JVM mounted. */
    @Override
    public void close() throws IOException, InterruptedException {
        child.close();
        if (mountedHere != null) {
            unmount(mountedHere);
        }
    }

    private static void unmount(Path mountPoint) throws IOException, InterruptedException {
        String refused = run("umount", mountPoint.toString());
        // A busy mount (a process of the child's still holding a file) is detached now and freed when let go.
        if (refused != null && run("umount", "-l", mountPoint.toString()) != null) {
            throw new IOException("left a tmpfs mounted at " + mountPoint + ": " + refused);
        }
    }

    /** Runs a command; returns {@code null} if it succeeded, else its output or why it could not run. */
    private static String run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 ? null : String.join(" ", command) + ": " + output;
        } catch (IOException e) {
            return String.join(" ", command) + ": " + e.getMessage();
        }
    }
}
