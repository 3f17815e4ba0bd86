package io.streamline.engine.source;

import io.streamline.engine.connector.SourceProvider;
import io.streamline.engine.config.Options;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.journal.EntryLog;
import io.streamline.journal.JournalSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spark's {@code socket} source, made fault tolerant: newline-delimited UTF-8 text read from a TCP server
 * ({@code host}, {@code port}), one {@code String} row per line.
 *
 * <p>Spark's socket source keeps lines in memory and loses them on failure. This one is a client thread
 * that appends every line to a write-ahead log (a journal {@link EntryLog}) <em>before</em> the line enters
 * the pipeline; the task polls the log without blocking and the source's offset is the log index of the
 * last line it emitted. After a crash or a stop, the query resumes from the committed index and replays every
 * line the log accepted but the query had not committed, with the epochs' logged boundaries.
 *
 * <p><b>The guarantee: every line the engine has read</b> (taken from the socket and appended to the write-ahead log)
 * affects the output as the sink's guarantee says (exactly once with the file sink). Lines the peer sent that
 * this process had not read when it died are lost: they were in the kernel's socket buffers (this side's receive
 * buffer, the sender's send buffer, the network), and TCP gives a receiver no way back to them; the sender's
 * {@code write} returned long before. How much that is depends on the buffers, not on the engine: option
 * {@code receiveBufferBytes} sets this side's ({@code SO_RCVBUF}, which also caps the window the sender may fill),
 * but a small one does not bound the loss by itself (measured: bench/README.md, "Socket source: loss per kill"): the
 * lines then wait in the sender's send buffer and are lost with the connection all the same. Only a sender that keeps
 * what it sent until the receiver has logged it can lose nothing.
 *
 * <p><b>Option {@code protocol}: {@code plain} (the default) or {@code ack}.</b> Plain is Spark's: lines as they come,
 * the guarantee above. With {@code ack} the peer speaks {@link AckProtocol} ({@code streamline-ack 1}): on every
 * connection this source first sends {@code streamline-ack 1 resume <n>}, {@code n} being the number of the last line
 * its write-ahead log holds (0 if none); the sender sends numbered lines {@code <number> <text>} from {@code n + 1} on,
 * one by one; this source answers {@code ack <n>} once lines up to {@code n} are in the log (whenever it is about to
 * wait for more input). The sender keeps every line after the last {@code n} acknowledged and, after the connection
 * ends (a {@code kill -9} of the engine included), sends again from the next connection's {@code resume n}: then no
 * line is lost. The rows are the texts without their numbers; {@code maxLineBytes} bounds the text. A line that is
 * not {@code <number> <text>} with the number due (a sender of plain lines, a gap, a repeat) stops the query with an
 * error naming the form expected, which the sender also receives as {@code error <message>}; that line and those
 * after it were neither logged nor acknowledged, so the sender still holds them. A write-ahead log keeps the protocol
 * it was written in (its entries also hold the line numbers): a checkpoint started with one protocol refuses the other.
 *
 * <p>The log lives in {@code <checkpointLocation>/wal/<sourceKey>} (ENGINE.md §5) unless option
 * {@code walDir} names another directory. When the peer closes the connection or it fails, the thread
 * reconnects after {@code reconnectDelay}, doubling up to {@code maxReconnectDelay}; what was logged stays
 * logged. A line cut short by a failed connection (no newline, connection reset) is dropped with a warning
 * that gives its length; a line at a clean end of stream is emitted, as Java's {@code readLine} does. A line longer than
 * {@code maxLineBytes} stops the query with an error naming the limit. Bytes that are not valid UTF-8 are
 * replaced by U+FFFD, as Spark does.
 *
 * <p>The log is durable against a crash of the process (Chronicle writes through memory-mapped files the OS
 * keeps after kill -9), not against a crash of the machine. When a query resumes, log files older than the
 * committed index are deleted, so disk use is bounded by what arrives in one run.
 *
 * <p>Only a client: this source never listens on any address.
 */
public final class SocketSource extends RecordLimitedSource<String> {
    /** Options this source accepts. */
    public static final Set<String> OPTIONS = Set.of("host", "port", "walDir", "reconnectDelay", "maxReconnectDelay",
            "connectTimeout", "maxLineBytes", "maxRecordsPerTrigger", "receiveBufferBytes", "protocol");
    /** Log entry header of the plain protocol: receive time as {@code nanoTime} then as epoch millis. */
    static final int HEADER_BYTES = 16;
    private static final Logger LOG = LoggerFactory.getLogger(SocketSource.class);

    private final String host;
    private final int port;
    private final Path walDir;
    private final Duration reconnectDelay;
    private final Duration maxReconnectDelay;
    private final Duration connectTimeout;
    private final int maxLineBytes;
    private final int receiveBufferBytes;
    private final SocketProtocol protocol;
    private final JournalSettings settings;

    /**
     * @param host              server to connect to
     * @param port              its port
     * @param walDir            the write-ahead log's directory, or {@code null} for one under the checkpoint
     * @param reconnectDelay    first wait before reconnecting
     * @param maxReconnectDelay longest wait before reconnecting
     * @param connectTimeout    how long one connection attempt may take
     * @param maxLineBytes      longest line accepted
     * @param settings          layout of the write-ahead log
     * @param maxRecordsPerTrigger micro-batch limit: lines of the write-ahead log per batch
     * @param receiveBufferBytes the socket's receive buffer ({@code SO_RCVBUF}), or 0 for the operating system's
     *                          (autotuned on Linux, up to megabytes): what a crash can lose on this side of the connection
     * @param acknowledging     whether the peer speaks {@link AckProtocol} (option {@code protocol} = {@code ack})
     *                          rather than sending plain lines
     */
    public SocketSource(String host, int port, Path walDir, Duration reconnectDelay, Duration maxReconnectDelay,
                        Duration connectTimeout, int maxLineBytes, JournalSettings settings, long maxRecordsPerTrigger,
                        int receiveBufferBytes, boolean acknowledging) {
        super(maxRecordsPerTrigger);
        this.host = host;
        this.port = port;
        this.walDir = walDir;
        this.reconnectDelay = reconnectDelay;
        this.maxReconnectDelay = maxReconnectDelay;
        this.connectTimeout = connectTimeout;
        this.maxLineBytes = maxLineBytes;
        this.receiveBufferBytes = receiveBufferBytes;
        this.protocol = acknowledging ? SocketProtocol.ACK : SocketProtocol.PLAIN;
        this.settings = settings;
    }

    /** Builds the source from string options, failing with a message that names a bad option. */
    public static SocketSource fromOptions(Options options) {
        options.requireOnly(OPTIONS);
        String host = options.required("host");
        options.required("port");
        long port = options.positiveLong("port", -1);
        if (port > 65535) {
            throw new IllegalArgumentException("Option 'port' of source 'socket' must be a TCP port, 1 to 65535, got '"
                    + options.string("port", "") + "'");
        }
        Duration delay = options.duration("reconnectDelay", Duration.ofMillis(100));
        Duration maxDelay = options.duration("maxReconnectDelay", Duration.ofSeconds(5));
        if (maxDelay.compareTo(delay) < 0) {
            throw new IllegalArgumentException("Option 'maxReconnectDelay' of source 'socket' must be at least"
                    + " reconnectDelay (" + delay.toMillis() + " ms), got '" + options.string("maxReconnectDelay", "") + "'");
        }
        SocketProtocol protocol = SocketProtocol.of(options);
        JournalSettings settings = JournalSettings.defaults();
        int entryLimit = (int) (settings.blockSizeBytes() / 4) - protocol.headerBytes() - 64;
        long maxLine = options.positiveLong("maxLineBytes", 256 << 10);
        if (maxLine > entryLimit) {
            throw new IllegalArgumentException("Option 'maxLineBytes' of source 'socket' must be at most " + entryLimit
                    + " (a line must fit in one write-ahead log entry), got '" + options.string("maxLineBytes", "") + "'");
        }
        String walDir = options.string("walDir", null);
        return new SocketSource(host, (int) port, walDir == null ? null : Path.of(walDir), delay, maxDelay,
                options.duration("connectTimeout", Duration.ofSeconds(5)), (int) maxLine, settings,
                options.positiveLong("maxRecordsPerTrigger", Long.MAX_VALUE),
                (int) Math.min(Integer.MAX_VALUE, options.nonNegativeLong("receiveBufferBytes", 0)),
                protocol == SocketProtocol.ACK);
    }

    @Override
    public String format() {
        return "socket";
    }

    @Override
    public String description() {
        return "TextSocketSource[host: " + host + ", port: " + port + ", write-ahead log"
                + (protocol == SocketProtocol.ACK ? ", protocol: ack]" : "]");
    }

    @Override
    public int partitions() {
        return 1;
    }

    /** Needs {@code walDir}: without a context the source does not know the checkpoint location. */
    @Override
    public SourceReader<String> openPartition(int partition, String startOffset) {
        if (walDir == null) {
            throw new IllegalStateException("The socket source needs a write-ahead log directory: set option 'walDir'"
                    + " or let the query open it (it then lives under checkpointLocation/wal)");
        }
        return open(walDir, startOffset, "socket source " + host + ":" + port);
    }

    @Override
    public SourceReader<String> openPartition(int partition, String startOffset, SourceContext context) {
        Path dir = walDir != null ? walDir : context.dirFor("wal");
        return open(dir, startOffset, "socket source " + context.sourceKey() + " (" + host + ":" + port + ")");
    }

    private SourceReader<String> open(Path dir, String startOffset, String what) {
        EntryLog wal = EntryLog.open(dir, settings);
        try {
            protocol.claim(wal, dir);
            JournalTail tail = new JournalTail(wal, startOffset, "the write-ahead log of " + what + " at " + dir);
            if (startOffset != null && startOffset.startsWith("after:")) {
                // Everything up to the committed index was committed: older log files can go.
                wal.retainFrom(Long.parseLong(startOffset.substring("after:".length())));
            }
            return new Reader(wal, tail, what);
        } catch (RuntimeException e) {
            wal.close();
            throw e;
        }
    }

    /** Polls the write-ahead log; the receiver thread starts at the first poll, so nothing connects before the query runs. */
    private final class Reader extends TailReader<String> {
        private final EntryLog wal;
        private final Receiver receiver;
        private Thread thread;

        /**
         * The log's last index before this run's receiver logged anything: entries after it carry this JVM's nanoTime.
         * Fixed before the receiver starts, so the reader can never see an entry of this run before knowing it is one.
         */
        private final long lastIndexBeforeRun;

        Reader(EntryLog wal, JournalTail tail, String what) {
            super(tail);
            this.wal = wal;
            this.receiver = new Receiver(wal, what, protocol == SocketProtocol.ACK
                    ? new AckSession(SocketProtocol.lastNumber(wal), what) : null);
            this.lastIndexBeforeRun = wal.indexFromEnd(1).orElse(Long.MIN_VALUE);
        }

        @Override
        protected void beforeRead() {
            if (thread == null) {
                thread = new Thread(receiver, "streamline-socket-" + host + ":" + port);
                thread.setDaemon(true);
                thread.start();
            }
            Throwable failure = receiver.failure;
            if (failure != null) {
                throw new IllegalStateException("The socket source " + host + ":" + port + " failed: " + failure.getMessage(), failure);
            }
        }

        /** Deletes write-ahead log files wholly before the committed line, so the log stays bounded on a long run. */
        @Override
        public void committed(String offset) {
            long index = JournalTail.lastIndexOf(offset);
            if (index >= 0) {
                wal.retainFrom(index);
            }
        }

        @Override
        protected void emit(SourceOutput<String> out, long index, byte[] entry) {
            // Lines logged by this process carry a nanoTime of this JVM; replayed ones are ingested now.
            long ingest = index > lastIndexBeforeRun ? (long) SocketProtocol.LONGS.get(entry, 0) : System.nanoTime();
            int header = protocol.headerBytes();
            String line = new String(entry, header, entry.length - header, StandardCharsets.UTF_8);
            out.emit(line, index, ingest, RecordMeta.NO_EVENT_TIME);
        }

        @Override
        public void close() {
            receiver.stop();
            if (thread != null) {
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (thread.isAlive()) {
                    LOG.warn("The socket receiver thread {} did not stop; closing its log anyway", thread.getName());
                }
            }
            tail.close();
            wal.close();
        }
    }

    /** The client: connects, logs each line, reconnects with backoff. Blocking I/O happens only here. */
    private final class Receiver implements Runnable {
        private final EntryLog wal;
        private final String what;
        /** The acknowledging protocol's state, {@code null} for plain lines. */
        private final AckSession acks;
        private final Object sleeper = new Object();
        private final AtomicLong linesLogged = new AtomicLong();
        private volatile boolean stopped;
        private volatile Socket socket;
        private volatile Throwable failure;

        Receiver(EntryLog wal, String what, AckSession acks) {
            this.wal = wal;
            this.what = what;
            this.acks = acks;
        }

        /**
         * Connection state changes are logged: connecting and connected at INFO while all is well; from the first
         * failed attempt or lost connection on, at WARN (with the retry delay) until a connection succeeds again,
         * so that a source with no server is not silent where applications log only warnings.
         */
        @Override
        public void run() {
            long delayMs = reconnectDelay.toMillis();
            boolean failing = false;
            while (!stopped) {
                try (Socket s = new Socket()) {
                    socket = s;
                    if (stopped) {
                        return;
                    }
                    if (receiveBufferBytes > 0) {
                        s.setReceiveBufferSize(receiveBufferBytes); // before connect: it sizes the window TCP offers
                    }
                    log(failing, "{}: connecting to {}:{}", what, host, port);
                    s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
                    log(failing, "{}: connected to {}:{}", what, host, port);
                    failing = false;
                    delayMs = reconnectDelay.toMillis();
                    receive(s);
                    if (!stopped) {
                        failing = true;
                        LOG.warn("{}: connection lost (the server closed it) after {} lines logged; reconnecting in {} ms",
                                what, linesLogged.get(), delayMs);
                    }
                } catch (LineReader.LineTooLongException e) {
                    failure = new IOException(what + ": " + e.getMessage() + " (option maxLineBytes)", e);
                    return;
                } catch (AckSession.Violation e) {
                    failure = e; // what the sender sent cannot be logged: stop, the sender keeps it
                    return;
                } catch (IOException e) {
                    if (!stopped) {
                        failing = true;
                        LOG.warn("{}: {}; retrying in {} ms", what, e.toString(), delayMs);
                    }
                } catch (RuntimeException | Error e) {
                    failure = e; // the log failed: stop, the query reports it
                    return;
                } finally {
                    socket = null;
                }
                pause(delayMs);
                delayMs = Math.min(delayMs * 2, maxReconnectDelay.toMillis());
            }
        }

        private void log(boolean warn, String format, Object... args) {
            if (warn) {
                LOG.warn(format, args);
            } else {
                LOG.info(format, args);
            }
        }

        private void receive(Socket s) throws IOException {
            int header = protocol.headerBytes();
            LineReader lines;
            if (acks == null) {
                lines = new LineReader(s.getInputStream(), maxLineBytes, header);
            } else {
                acks.connected(s.getOutputStream());
                // maxLineBytes bounds the text: the number and its space come on top
                lines = new LineReader(s.getInputStream(), maxLineBytes + AckProtocol.MAX_DIGITS + 1, header,
                        acks::acknowledge);
            }
            try {
                while (!stopped && lines.next()) {
                    byte[] buf = lines.buffer();
                    int end = header + lines.length();
                    int entry = 0;
                    if (acks != null) {
                        // The header goes right in front of the text, over the number: the entry is not copied.
                        entry = acks.textStart(buf, header, lines.length()) - header;
                        SocketProtocol.LONGS.set(buf, entry + SocketProtocol.NUMBER_AT, acks.due());
                    }
                    SocketProtocol.LONGS.set(buf, entry, System.nanoTime());
                    SocketProtocol.LONGS.set(buf, entry + 8, System.currentTimeMillis());
                    wal.append(buf, entry, end - entry);
                    if (acks != null) {
                        acks.logged();
                    }
                    linesLogged.incrementAndGet();
                }
            } catch (IOException e) {
                if (lines.pendingBytes() > 0 && !stopped) {
                    LOG.warn("{}: the connection failed in the middle of a line; its first {} bytes were not logged",
                            what, lines.pendingBytes());
                }
                throw e;
            }
        }

        private void pause(long ms) {
            synchronized (sleeper) {
                if (stopped) {
                    return;
                }
                try {
                    sleeper.wait(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            }
        }

        void stop() {
            stopped = true;
            Socket s = socket;
            if (s != null) {
                try {
                    s.close(); // unblocks connect() and read()
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            synchronized (sleeper) {
                sleeper.notifyAll();
            }
        }
    }

    @Override
    public String toString() {
        return description();
    }

    /** Registers format {@code "socket"} for {@code readStream().format(...)}. */
    public static final class Provider implements SourceProvider {
        @Override
        public String format() {
            return "socket";
        }

        @Override
        public StreamSource<?> create(Options options) {
            return fromOptions(options);
        }
    }
}
