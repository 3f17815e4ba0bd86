package io.streamline.engine.source;

import io.streamline.engine.ChildJvm;
import io.streamline.engine.TestSeed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of a child JVM running socket source -> file sink, at random moments while a loopback publisher
 * streams numbered lines: after a final restart every line the write-ahead log accepted is in the output.
 */
class SocketSourceCrashTest {
    private static final int KILLS = 3;

    @TempDir
    Path tmp;

    /** Streams L0, L1, ... to whichever client is connected, each line once; lines lost in a dead client's buffers stay lost. */
    static final class Publisher implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicLong sent = new AtomicLong();
        final Thread thread = new Thread(this::run, "crash-publisher");
        volatile boolean stopped;

        Publisher() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            while (!stopped) {
                try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                    while (!stopped) {
                        StringBuilder batch = new StringBuilder();
                        for (int i = 0; i < 10; i++) {
                            batch.append('L').append(sent.getAndIncrement()).append('\n');
                        }
                        out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        LockSupport.parkNanos(2_000_000); // ~5000 lines/s
                    }
                } catch (IOException e) {
                    // the child died: wait for the next one
                }
            }
        }

        @Override
        public void close() throws Exception {
            stopped = true;
            server.close();
            thread.join(5_000);
        }
    }

    private static List<String> walLines(Path wal) {
        List<String> lines = new ArrayList<>();
        for (byte[] e : CrashFiles.entries(wal)) {
            lines.add(new String(e, SocketSource.HEADER_BYTES, e.length - SocketSource.HEADER_BYTES, StandardCharsets.UTF_8));
        }
        return lines;
    }

    @Test
    void shouldDeliverEveryLineTheWalAcceptedAfterKillNineAndRestart() throws Exception {
        long seed = TestSeed.of("SocketSourceCrashTest");
        Random random = new Random(seed);
        Path checkpoint = tmp.resolve("ckpt");
        Path out = tmp.resolve("out");
        Path wal = checkpoint.resolve("wal").resolve("0-socket-0");
        long pendingAtKills = 0;
        try (Publisher publisher = new Publisher()) {
            String port = Integer.toString(publisher.server.getLocalPort());
            for (int k = 0; k < KILLS; k++) {
                ChildJvm child = ChildJvm.start(SocketCrashChild.class, tmp.resolve("child-" + k + ".log"),
                        port, checkpoint.toString(), out.toString());
                child.awaitOutput(RunUntilKilled.RUNNING, Duration.ofSeconds(60));
                int before = CrashFiles.visibleParts(out).size();
                child.await("run " + k + " commits an epoch (seed " + seed + ")", Duration.ofSeconds(60), () -> {
                    child.assertAlive();
                    return CrashFiles.visibleParts(out).size() > before;
                });
                Thread.sleep(random.nextInt(250)); // then kill at a random point of an epoch
                child.kill();
                Set<String> delivered = new HashSet<>(CrashFiles.lines(out, CrashFiles.visibleParts(out)));
                pendingAtKills += walLines(wal).stream().filter(l -> !delivered.contains(l)).count();
            }
            publisher.stopped = true; // from here on the log holds everything it will ever hold
        }

        List<String> logged = walLines(wal);
        ChildJvm last = ChildJvm.start(SocketCrashChild.class, tmp.resolve("child-final.log"),
                "1", checkpoint.toString(), out.toString()); // nothing listens there: only the log is replayed
        try {
            last.await("every logged line delivered", Duration.ofSeconds(60), () -> {
                last.assertAlive();
                return new HashSet<>(CrashFiles.lines(out, CrashFiles.visibleParts(out))).containsAll(logged);
            });
        } catch (AssertionError timedOut) {
            // the assertion below names the lines that are missing
        }
        last.kill();
        Set<String> delivered = new HashSet<>(CrashFiles.lines(out, CrashFiles.visibleParts(out)));

        Set<String> missing = new HashSet<>(logged);
        missing.removeAll(delivered);
        assertThat(missing).as("lines the WAL accepted but the sink never got (seed %d)", seed).isEmpty();
        assertThat(logged).as("the publisher's lines reached the log").hasSizeGreaterThan(500);
        assertThat(pendingAtKills).as("kills left logged-but-undelivered lines that only the WAL could replay").isPositive();
        assertThat(delivered).allMatch(l -> l.matches("L\\d+"));
    }
}
