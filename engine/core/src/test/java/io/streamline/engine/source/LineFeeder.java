package io.streamline.engine.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A test TCP server on loopback that sends queued lines to the live client that connected last, keeping them while
 * no client is connected. A client is dead once its side of the connection closes (a killed process's sockets are
 * closed by the kernel), which a reader thread per client notices at once.
 *
 * <p>{@linkplain #plain() Plain}, a line counts as delivered once written to a connection: what a killed client's
 * socket buffers held is lost, as with any sender of plain lines. {@linkplain #acknowledging() Acknowledging}, the
 * feeder is a sender of {@link AckProtocol}: lines are numbered from 1, kept until the source acknowledges them, and
 * each connection is sent from the resume point of its handshake, so that no line is lost. A message from the source
 * that breaks the protocol (an {@code error}, a resume point this feeder cannot continue from, anything from a plain
 * source) fails {@link #close()}, and so the test.
 */
final class LineFeeder implements AutoCloseable {
    private final boolean acknowledging;
    private final ServerSocket server;
    /** The lines not yet delivered, in order: the first is line number {@link #first}. */
    private final List<String> kept = new ArrayList<>();
    private long first = 1;
    /** The number of the next line to send to {@link #client}. */
    private long next = 1;
    private Socket client;
    /** What the source did wrong, if it did. */
    private String failure;
    private volatile boolean closed;

    private LineFeeder(boolean acknowledging) throws IOException {
        this.acknowledging = acknowledging;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        daemon("line-feeder-accept", this::accept);
        daemon("line-feeder-send", this::send);
    }

    /** A feeder of plain lines, for a source with option {@code protocol=plain}. */
    static LineFeeder plain() throws IOException {
        return new LineFeeder(false);
    }

    /** A feeder speaking {@link AckProtocol}, for a source with option {@code protocol=ack}. */
    static LineFeeder acknowledging() throws IOException {
        return new LineFeeder(true);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Queues lines to send, in order. */
    synchronized void feed(Iterable<String> lines) {
        lines.forEach(kept::add);
        notifyAll();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                if (!acknowledging) {
                    connected(socket, first());
                }
                daemon("line-feeder-watch", () -> watch(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** {@code socket} is the live client from now on; it is sent line {@code from} on. */
    private synchronized void connected(Socket socket, long from) {
        client = socket;
        next = from;
        notifyAll();
    }

    /**
     * Reads what the source sends: nothing from a plain one; an acknowledging one's handshake, then its
     * acknowledgements. A read that ends means its side closed.
     */
    private void watch(Socket socket) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            if (acknowledging && !resume(socket, in.readLine())) {
                socket.close();
                return;
            }
            for (String message = in.readLine(); message != null; message = in.readLine()) {
                if (!acknowledging) {
                    fail("a source of plain lines sent '" + message + "'");
                } else {
                    delivered(AckProtocol.parseAck(message));
                }
            }
        } catch (IOException ignored) {
            // reset by the peer: dead too
        } catch (IllegalArgumentException e) {
            fail(e.getMessage()); // an error message from the source, or not the protocol at all
        }
        synchronized (this) {
            if (client == socket) {
                client = null;
            }
        }
    }

    /** Takes an acknowledging source's handshake: whether the connection goes on from its resume point. */
    private synchronized boolean resume(Socket socket, String hello) {
        if (hello == null) {
            return false; // killed before its handshake
        }
        long resume = AckProtocol.parseHello(hello);
        if (resume < first - 1 || resume > last()) {
            fail("a source resumed after line " + resume + ", but this feeder holds lines " + first + " to " + last()
                    + " (every line before " + first + " was acknowledged)");
            return false;
        }
        delivered(resume);
        connected(socket, resume + 1);
        return true;
    }

    private void send() {
        while (!closed) {
            Socket target;
            StringBuilder chunk = new StringBuilder();
            long upTo;
            synchronized (this) {
                while (!closed && (client == null || Math.max(next, first) > last())) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                target = client;
                long n = Math.max(next, first); // an acknowledgement may have passed the cursor
                for (; n <= last() && chunk.length() < 8192; n++) {
                    String text = kept.get((int) (n - first));
                    chunk.append(acknowledging ? AckProtocol.line(n, text) : text).append('\n');
                }
                next = n;
                upTo = n - 1;
            }
            try {
                OutputStream out = target.getOutputStream();
                out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (!acknowledging) {
                    delivered(upTo);
                }
            } catch (IOException e) {
                // Not delivered: the next client is sent it again (plain: from the first line kept; acknowledging:
                // from the resume point it gives).
                synchronized (this) {
                    if (client == target) {
                        client = null;
                    }
                }
            }
        }
    }

    /** Every line up to {@code number} was delivered: it is no longer kept. */
    private synchronized void delivered(long number) {
        int count = (int) Math.max(0, Math.min(kept.size(), number - first + 1));
        kept.subList(0, count).clear();
        first += count;
    }

    private synchronized long first() {
        return first;
    }

    private long last() {
        return first + kept.size() - 1;
    }

    private synchronized void fail(String problem) {
        if (failure == null) {
            failure = problem;
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /** Stops feeding; fails if the source broke the protocol meanwhile. */
    @Override
    public void close() throws IOException {
        closed = true;
        String problem;
        synchronized (this) {
            notifyAll();
            if (client != null) {
                client.close();
            }
            problem = failure;
        }
        server.close();
        if (problem != null) {
            throw new AssertionError("The socket source broke the line feeder's protocol: " + problem);
        }
    }
}
