package io.streamline.examples;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The counterpart of the Spark course's {@code PublishData}: a TCP server that publishes text lines at a
 * fixed rate to every client that connects, for the {@code socket} source to read (see
 * {@link SocketWordCount}). Lines come from a file (optionally looped) or are generated from a small
 * vocabulary. It is a broadcast, like a live feed: a client receives the lines published while it is
 * connected. Publishing starts when the first client connects, so a consumer started second still gets the
 * file from its first line.
 *
 * <pre>
 * PublishData [--port 9998] [--host 127.0.0.1] [--rate 10] [--file lines.txt [--loop] | --sequence]
 *             [--words 6] [--count N] [--seed 42] [--seconds 300] [--protocol plain|ack]
 * </pre>
 * <ul>
 *   <li>{@code --host}: address to bind, loopback by default so nothing is exposed to the network; pass
 *       {@code 0.0.0.0} deliberately to publish beyond this machine;</li>
 *   <li>{@code --rate}: lines per second over the whole run, paced open-loop (line {@code k} is due at
 *       {@code k / rate} seconds), so a stall is caught up rather than hidden;</li>
 *   <li>{@code --file}: publish the lines of this file, then stop, or start again with {@code --loop};</li>
 *   <li>{@code --sequence}: publish the numbers 0, 1, 2, ..., one per line, instead of words (to check delivery
 *       end to end: a number missing or repeated is seen at once);</li>
 *   <li>{@code --words}: words per generated line when there is no file;</li>
 *   <li>{@code --count}: stop after this many lines (default: never, or the end of the file);</li>
 *   <li>{@code --seconds}: stop after this long at most (default 300), so a forgotten publisher ends;</li>
 *   <li>{@code --protocol}: {@code plain} (the default, described above) or {@code ack}, the socket source's
 *       acknowledging protocol (its option {@code protocol} = {@code ack}; {@link io.streamline.engine.source.AckProtocol} has the messages).</li>
 * </ul>
 * In plain mode a client that cannot keep up (its queue of unsent lines fills) is disconnected with a message on
 * stderr rather than slowing the others down.
 *
 * <p>With {@code --protocol ack} no line is lost when the consuming engine dies: lines are numbered from 1 and kept
 * until acknowledged ({@link UnacknowledgedLines}, at most {@value #MAX_UNACKNOWLEDGED}: publishing waits, and
 * falls behind its rate, while that many are unacknowledged); each connection starts at the resume point its source
 * sends, so the lines a killed engine had not logged go out again to the restarted one. Lines are published from the
 * first connection on, whether or not a source is connected, and kept for the next one. This mode serves one
 * consuming query (and its restarts): the acknowledgements of one source let the publisher forget lines another
 * might still need, so run one publisher per query. A source that sends no handshake within
 * {@value AckPeer#HELLO_TIMEOUT_MS} ms (its option {@code protocol} is not {@code ack}), or that resumes where this
 * publisher cannot continue, is disconnected with a message saying why. At the end, the publisher waits up to
 * {@value #ACK_WAIT_SECONDS} s for the last acknowledgements.
 */
public final class PublishData implements AutoCloseable {
    static final String[] VOCABULARY = {"spark", "stream", "epoch", "latency", "journal", "socket", "record",
            "window", "watermark", "state", "sink", "source", "offset", "commit", "replay", "ring", "task", "thread"};
    private static final int CLIENT_QUEUE = 10_000;
    /** Unacknowledged lines kept in ack mode at most. */
    static final int MAX_UNACKNOWLEDGED = 1_000_000;
    /** How long {@link #main} waits for the last acknowledgements in ack mode. */
    static final int ACK_WAIT_SECONDS = 10;

    private final Settings settings;
    private final ServerSocket server;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final List<AckPeer> ackPeers = new CopyOnWriteArrayList<>();
    /** The lines kept until acknowledged in ack mode, {@code null} in plain mode. */
    private final UnacknowledgedLines unacknowledged;
    private final CountDownLatch firstClient = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong published = new AtomicLong();
    private final Thread acceptor;
    private final Thread publisher;
    private volatile boolean closed;
    private volatile boolean stopping;

    /**
     * What to publish.
     *
     * @param host  address to bind
     * @param port  port to bind, 0 for any free one
     * @param rate  lines per second
     * @param file  the lines to publish, or {@code null} to generate them
     * @param loop  whether to start the file again at its end
     * @param words words per generated line
     * @param count lines to publish in all, or {@code Long.MAX_VALUE}
     * @param seed    seed of the generated words
     * @param seconds how long {@link #main} serves at most
     * @param sequence whether to publish the numbers 0, 1, 2, ... (when there is no file)
     * @param ack      whether to speak the socket source's acknowledging protocol
     */
    public record Settings(String host, int port, double rate, Path file, boolean loop, int words, long count, long seed,
                           long seconds, boolean sequence, boolean ack) {
        /** Checks the values. */
        public Settings {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be 0 to 65535, got " + port);
            }
            if (!(rate > 0)) {
                throw new IllegalArgumentException("--rate must be a positive number of lines per second, got " + rate);
            }
            if (words <= 0) {
                throw new IllegalArgumentException("--words must be positive, got " + words);
            }
            if (count <= 0) {
                throw new IllegalArgumentException("--count must be positive, got " + count);
            }
            if (seconds <= 0) {
                throw new IllegalArgumentException("--seconds must be positive, got " + seconds);
            }
            if (sequence && file != null) {
                throw new IllegalArgumentException("--sequence and --file exclude each other: publish numbers or a file's lines");
            }
        }

        /** Parses command-line arguments. */
        public static Settings parse(String... args) {
            String host = "127.0.0.1";
            int port = 9998;
            double rate = 10;
            Path file = null;
            boolean loop = false;
            int words = 6;
            long count = Long.MAX_VALUE;
            long seed = 42;
            long seconds = 300;
            boolean sequence = false;
            boolean ack = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--host" -> host = value(args, ++i, a);
                    case "--port" -> port = (int) number(args, ++i, a);
                    case "--rate" -> rate = Double.parseDouble(value(args, ++i, a));
                    case "--file" -> file = Path.of(value(args, ++i, a));
                    case "--loop" -> loop = true;
                    case "--words" -> words = (int) number(args, ++i, a);
                    case "--count" -> count = number(args, ++i, a);
                    case "--seed" -> seed = number(args, ++i, a);
                    case "--seconds" -> seconds = number(args, ++i, a);
                    case "--sequence" -> sequence = true;
                    case "--protocol" -> ack = switch (value(args, ++i, a)) {
                        case "plain" -> false;
                        case "ack" -> true;
                        default -> throw new IllegalArgumentException("--protocol must be 'plain' (lines as they are)"
                                + " or 'ack' (numbered lines kept until the socket source acknowledges them), got '"
                                + args[i] + "'");
                    };
                    default -> throw new IllegalArgumentException("Unknown argument '" + a + "'; usage: PublishData"
                            + " [--port 9998] [--host 127.0.0.1] [--rate 10] [--file lines.txt [--loop] | --sequence]"
                            + " [--words 6] [--count N] [--seed 42] [--seconds 300] [--protocol plain|ack]");
                }
            }
            if (file != null && !Files.isReadable(file)) {
                throw new IllegalArgumentException("--file " + file + " is not a readable file");
            }
            return new Settings(host, port, rate, file, loop, words, count, seed, seconds, sequence, ack);
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }

        private static long number(String[] args, int i, String name) {
            String v = value(args, i, name);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
            }
        }
    }

    private PublishData(Settings settings) throws IOException {
        this.settings = settings;
        this.unacknowledged = settings.ack() ? new UnacknowledgedLines(MAX_UNACKNOWLEDGED) : null;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), 50);
        this.acceptor = new Thread(this::accept, "publish-accept");
        this.publisher = new Thread(this::publish, "publish-pace");
        acceptor.setDaemon(true);
        publisher.setDaemon(true);
    }

    /** Binds the port and starts publishing once the first client connects. */
    public static PublishData start(Settings settings) throws IOException {
        PublishData p = new PublishData(settings);
        p.acceptor.start();
        p.publisher.start();
        return p;
    }

    /** The bound port. */
    public int port() {
        return server.getLocalPort();
    }

    /** Lines published so far. */
    public long published() {
        return published.get();
    }

    /** Clients connected now. */
    public int clients() {
        return clients.size() + ackPeers.size();
    }

    /**
     * In ack mode, lines published but not yet acknowledged by a source; 0 in plain mode.
     */
    public long unacknowledged() {
        return unacknowledged == null ? 0 : unacknowledged.unacknowledged();
    }

    /**
     * In ack mode, lines sent again because the connection they went out on ended before its source logged them:
     * the lines a plain sender would have lost; 0 in plain mode.
     */
    public long resent() {
        return unacknowledged == null ? 0 : unacknowledged.resent();
    }

    /**
     * Publishes no more lines; what was published still goes to the clients (in ack mode, to the next connection too).
     *
     * @return the lines published
     */
    public long stopPublishing() throws InterruptedException {
        stopping = true;
        firstClient.countDown(); // a pacer still waiting for its first client ends at once
        publisher.join();
        return published();
    }

    /**
     * In ack mode, waits until every line published was acknowledged, at most {@code seconds}.
     *
     * @return whether every line was
     */
    public boolean awaitAcknowledged(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (unacknowledged() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return unacknowledged() == 0;
    }

    /**
     * Waits until every line was published, at most {@code seconds}.
     *
     * @return whether every line was
     */
    public boolean awaitFinished(long seconds) throws InterruptedException {
        return finished.await(seconds, TimeUnit.SECONDS);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                System.err.println("PublishData: client " + s.getRemoteSocketAddress() + " connected");
                if (unacknowledged != null) {
                    // Publishing starts once a source said where it resumes: a restarted publisher continues its numbers.
                    AckPeer peer = new AckPeer(s, unacknowledged, firstClient::countDown, ackPeers::remove);
                    ackPeers.add(peer);
                    peer.start();
                    continue;
                }
                Client c = new Client(s);
                clients.add(c);
                c.start();
                firstClient.countDown();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("PublishData: accept failed: " + e);
                }
                return;
            }
        }
    }

    private void publish() {
        try {
            firstClient.await();
            LineSupply supply = settings.file() != null ? new FileLines(settings.file(), settings.loop())
                    : settings.sequence() ? new SequenceLines() : new GeneratedLines(settings.words(), settings.seed());
            long start = System.nanoTime();
            double nanosPerLine = 1e9 / settings.rate();
            for (long k = 0; k < settings.count() && !closed && !stopping; k++) {
                String line = supply.next();
                if (line == null) {
                    break;
                }
                long due = start + (long) (k * nanosPerLine);
                for (long wait = due - System.nanoTime(); wait > 0 && !closed && !stopping; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                if (unacknowledged != null) {
                    if (unacknowledged.append(line.getBytes(StandardCharsets.UTF_8)) < 0) {
                        break; // closed
                    }
                } else {
                    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                    for (Client c : clients) {
                        c.offer(bytes);
                    }
                }
                published.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            System.err.println("PublishData: cannot read lines: " + e);
        } finally {
            finished.countDown();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        firstClient.countDown();
        for (Client c : clients) {
            c.finish(); // what was published still reaches each client
        }
        if (unacknowledged != null) {
            unacknowledged.close();
            ackPeers.forEach(p -> p.close(null));
        }
    }

    /** Where lines come from. */
    private interface LineSupply {
        /** The next line, or {@code null} at the end. */
        String next() throws IOException;
    }

    private static final class FileLines implements LineSupply {
        private final List<String> lines;
        private final boolean loop;
        private int next;

        FileLines(Path file, boolean loop) throws IOException {
            this.lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            this.loop = loop;
        }

        @Override
        public String next() {
            if (next == lines.size()) {
                if (!loop || lines.isEmpty()) {
                    return null;
                }
                next = 0;
            }
            return lines.get(next++);
        }
    }

    private static final class SequenceLines implements LineSupply {
        private long next;

        @Override
        public String next() {
            return Long.toString(next++);
        }
    }

    private static final class GeneratedLines implements LineSupply {
        private final int words;
        private final Random random;

        GeneratedLines(int words, long seed) {
            this.words = words;
            this.random = new Random(seed);
        }

        @Override
        public String next() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < words; i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
            }
            return sb.toString();
        }
    }

    /** One connected client, written by its own thread so a slow one never delays the others. */
    private final class Client {
        private final Socket socket;
        private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CLIENT_QUEUE);
        private final Thread writer;

        Client(Socket socket) {
            this.socket = socket;
            this.writer = new Thread(this::drain, "publish-to-" + socket.getRemoteSocketAddress());
            writer.setDaemon(true);
        }

        void start() {
            writer.start();
        }

        void offer(byte[] line) {
            if (!queue.offer(line)) {
                System.err.println("PublishData: client " + socket.getRemoteSocketAddress() + " is " + CLIENT_QUEUE
                        + " lines behind; disconnecting it");
                close();
            }
        }

        private void drain() {
            try (OutputStream out = new BufferedOutputStream(socket.getOutputStream())) {
                while (!socket.isClosed() && !(closed && queue.isEmpty())) {
                    byte[] line = queue.poll(20, TimeUnit.MILLISECONDS);
                    if (line == null) {
                        continue;
                    }
                    out.write(line);
                    for (byte[] more = queue.poll(); more != null; more = queue.poll()) {
                        out.write(more);
                    }
                    out.flush();
                }
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("PublishData: client " + socket.getRemoteSocketAddress() + " left (" + e.getMessage() + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
            }
        }

        /** Lets the writer send what is queued, then close, waiting for it a short while. */
        void finish() {
            try {
                writer.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        }

        void close() {
            clients.remove(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Runs until killed, or until the file or {@code --count} is exhausted. */
    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Examples.announce(PublishData.class);
        try (PublishData p = start(settings)) {
            System.err.println("PublishData: serving " + (settings.file() != null ? settings.file() : "generated words")
                    + " at " + settings.rate() + " lines/s on " + settings.host() + ":" + p.port()
                    + "; publishing starts when the first client connects; stops after " + settings.seconds() + " s");
            boolean all = p.awaitFinished(settings.seconds());
            System.err.println("PublishData: published " + p.published() + " lines"
                    + (all ? "" : " in " + settings.seconds() + " s (--seconds)"));
            if (settings.ack()) {
                p.stopPublishing();
                boolean acknowledged = p.awaitAcknowledged(ACK_WAIT_SECONDS);
                System.err.println("PublishData: " + (acknowledged ? "every line acknowledged" : p.unacknowledged()
                        + " lines not acknowledged within " + ACK_WAIT_SECONDS + " s") + "; " + p.resent()
                        + " lines sent again after a connection ended before its source logged them");
            }
        } catch (UncheckedIOException | IOException e) {
            System.err.println("PublishData: " + e.getMessage());
            System.exit(1);
        }
    }
}
