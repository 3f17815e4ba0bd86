package io.streamline.bench.socket;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.Trigger;
import io.streamline.engine.sink.ForeachWriter;
import io.streamline.journal.EntryCursor;
import io.streamline.journal.EntryLog;
import io.streamline.journal.JournalSettings;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * What a {@code kill -9} of the engine loses of a TCP sender's lines, by the socket source's
 * {@code receiveBufferBytes}: a server in this JVM sends numbered lines at a fixed rate (0 = as fast as it can) to an
 * engine in a child JVM (socket source -> no-op sink, continuous, write-ahead log in a known directory), kills the child
 * after 2 s, and counts the lines whose {@code write} had returned but that the write-ahead log does not hold. Prints one
 * {@value #RESULT} line per kill. Arguments: {@code receiveBufferBytes} (0: the OS's), lines per second, kills.
 */
public final class SocketLossProbe {
    static final String RESULT = "socket-loss:";

    private SocketLossProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("child")) {
            child(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
            return;
        }
        int buffer = Integer.parseInt(args[0]);
        long rate = Long.parseLong(args[1]);
        int kills = Integer.parseInt(args[2]);
        Path dir = Files.createTempDirectory("socket-loss-");
        try (ServerSocket server = new ServerSocket(0)) {
            long next = 0; // the next line's number: numbering continues over connections
            for (int kill = 0; kill < kills; kill++) {
                Process child = startChild(server.getLocalPort(), buffer, dir);
                long first = next;
                long sentAt;
                long start;
                try (Socket peer = server.accept()) {
                    OutputStream out = new BufferedOutputStream(peer.getOutputStream(), 1024);
                    start = System.nanoTime();
                    long killAt = start + TimeUnit.SECONDS.toNanos(2);
                    boolean killed = false;
                    try {
                        while (true) {
                            if (!killed && System.nanoTime() >= killAt) {
                                child.destroyForcibly(); // SIGKILL
                                killed = true;
                            }
                            long due = rate == 0 ? Long.MAX_VALUE : first + (System.nanoTime() - start) * rate / 1_000_000_000L;
                            if (next < due) {
                                out.write((next + "\n").getBytes(StandardCharsets.US_ASCII));
                                out.flush(); // handed to the kernel: the sender believes it sent the line
                                next++;
                            } else {
                                Thread.onSpinWait();
                            }
                        }
                    } catch (IOException brokenByTheKill) {
                        // the connection reset: every line up to next - 1 was written
                    }
                    sentAt = System.nanoTime();
                }
                child.waitFor();
                long logged = lastLogged(dir.resolve("wal"));
                long lost = next - 1 - logged;
                long received = logged - first + 1;
                System.out.printf("%s receiveBufferBytes=%d rate=%d sent=%d logged=%d lost=%d loggedPerSecond=%.0f%n", RESULT,
                        buffer, rate, next - first, received, lost, received / ((sentAt - start) / 1e9));
            }
        }
    }

    private static Process startChild(int port, int buffer, Path dir) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()).stream()
                .filter(a -> a.startsWith("@") || a.startsWith("--add-") || a.startsWith("-Dchronicle")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SocketLossProbe.class.getName(), "child",
                Integer.toString(port), Integer.toString(buffer), dir.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void child(int port, int buffer, Path dir) throws Exception {
        StreamEngine engine = StreamEngine.create();
        var reader = engine.readStream().option("host", "127.0.0.1").option("port", port)
                .option("walDir", dir.resolve("wal").toString());
        if (buffer > 0) {
            reader = reader.option("receiveBufferBytes", buffer);
        }
        reader.socket().writeStream().foreach(new ForeachWriter<String>() {
                    @Override
                    public boolean open(long partitionId, long epochId) {
                        return true;
                    }

                    @Override
                    public void process(String value) {
                    }

                    @Override
                    public void close(Throwable error) {
                    }
                })
                .option("checkpointLocation", dir.resolve("checkpoint").toString())
                .trigger(Trigger.continuous(Duration.ofMillis(100))).start().awaitTermination();
    }

    /** The number in the write-ahead log's last line (after its 16-byte receive-time header); -1 if none. */
    private static long lastLogged(Path wal) {
        try (EntryLog log = EntryLog.open(wal, JournalSettings.defaults())) {
            OptionalLong last = log.indexFromEnd(1);
            if (last.isEmpty()) {
                return -1;
            }
            try (EntryCursor cursor = log.cursorFrom(last.getAsLong())) {
                cursor.next();
                byte[] entry = cursor.payload();
                return Long.parseLong(new String(entry, 16, entry.length - 16, StandardCharsets.US_ASCII).trim());
            }
        }
    }
}
