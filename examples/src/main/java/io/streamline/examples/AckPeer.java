package io.streamline.examples;

import io.streamline.engine.source.AckProtocol;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One connection of {@link PublishData} in the acknowledging protocol ({@link AckProtocol}): waits for the source's
 * handshake, then sends the numbered lines from its resume point on as they are published (a writer thread), and
 * reads the source's acknowledgements, which let {@link UnacknowledgedLines} forget what the source logged (a
 * reader thread). Whatever ends the connection, the lines after the last acknowledgement stay kept for the next.
 */
final class AckPeer {
    /** How long a connected source may take to send its handshake. */
    static final int HELLO_TIMEOUT_MS = 10_000;
    /** Lines written between two flushes at most, when more are ready. */
    private static final int FLUSH_EVERY = 1_000;

    private final Socket socket;
    private final UnacknowledgedLines lines;
    private final Runnable resumed;
    private final Consumer<AckPeer> ended;
    private final String name;
    private volatile boolean closed;

    /**
     * @param resumed called once the handshake was accepted
     * @param ended   called once when the connection ends
     */
    AckPeer(Socket socket, UnacknowledgedLines lines, Runnable resumed, Consumer<AckPeer> ended) {
        this.socket = socket;
        this.lines = lines;
        this.resumed = resumed;
        this.ended = ended;
        this.name = "client " + socket.getRemoteSocketAddress();
    }

    /** Starts the connection's reader, which starts its writer after the handshake. */
    void start() {
        Thread reader = new Thread(this::read, "publish-acks-from-" + socket.getRemoteSocketAddress());
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            socket.setSoTimeout(HELLO_TIMEOUT_MS);
            String hello = in.readLine();
            if (hello == null) {
                close("left before its handshake");
                return;
            }
            long resume = AckProtocol.parseHello(hello);
            String refused = lines.resume(resume);
            if (refused != null) {
                close(refused + "; disconnecting it");
                return;
            }
            socket.setSoTimeout(0);
            resumed.run();
            System.err.println("PublishData: " + name + " resumes after line " + resume);
            Thread writer = new Thread(() -> write(resume + 1), "publish-to-" + socket.getRemoteSocketAddress());
            writer.setDaemon(true);
            writer.start();
            for (String message = in.readLine(); message != null && !closed; message = in.readLine()) {
                lines.acknowledge(AckProtocol.parseAck(message));
            }
            close("left");
        } catch (SocketTimeoutException e) {
            close("sent no handshake '" + AckProtocol.hello(0).replace(" 0", " <n>") + "' within " + HELLO_TIMEOUT_MS
                    + " ms: is its socket source's option protocol 'ack'? Disconnecting it");
        } catch (IllegalArgumentException e) {
            close(e.getMessage() + "; disconnecting it");
        } catch (IOException e) {
            close("left (" + e.getMessage() + ")");
        }
    }

    private void write(long from) {
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 << 10);
            long flushed = from - 1;
            for (long next = from; !closed; ) {
                byte[] text = lines.await(next, 20);
                if (text != null) {
                    out.write(Long.toString(next).getBytes(StandardCharsets.US_ASCII));
                    out.write(' ');
                    out.write(text);
                    out.write('\n');
                    next++;
                }
                if (text == null && flushed < next - 1 || next - 1 - flushed >= FLUSH_EVERY) {
                    out.flush(); // caught up, or a batch is ready: it goes out before waiting for more
                    flushed = next - 1;
                    lines.sent(flushed);
                }
            }
        } catch (IOException e) {
            close("left (" + e.getMessage() + ")");
        } catch (IllegalStateException e) {
            close(e.getMessage() + "; disconnecting it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the connection; the lines it did not get acknowledged stay kept. */
    void close(String why) {
        if (closed) {
            return;
        }
        closed = true;
        if (why != null) {
            System.err.println("PublishData: " + name + " " + why);
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        ended.accept(this);
    }
}
