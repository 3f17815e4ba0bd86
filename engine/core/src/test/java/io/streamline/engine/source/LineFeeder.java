package io.streamline.engine.source;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A test TCP server on loopback that sends queued lines to the live client that connected last, keeping them
 * while no client is connected. A client is dead once its side of the connection closes (a killed process's
 * sockets are closed by the kernel), which a reader thread per client notices at once.
 */
final class LineFeeder implements AutoCloseable {
    private final ServerSocket server;
    private final Deque<String> queue = new ArrayDeque<>();
    private Socket client;
    private volatile boolean closed;

    LineFeeder() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        daemon("line-feeder-accept", this::accept);
        daemon("line-feeder-send", this::send);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Queues lines to send, in order. */
    synchronized void feed(Iterable<String> lines) {
        lines.forEach(queue::addLast);
        notifyAll();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                synchronized (this) {
                    client = socket;
                    notifyAll();
                }
                daemon("line-feeder-watch", () -> watch(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The source never sends: a read that ends means its side closed. */
    private void watch(Socket socket) {
        try {
            while (socket.getInputStream().read() >= 0) {
                // nothing to read from a source
            }
        } catch (IOException ignored) {
            // reset by the peer: dead too
        }
        synchronized (this) {
            if (client == socket) {
                client = null;
            }
        }
    }

    private void send() {
        while (!closed) {
            Socket target;
            StringBuilder chunk = new StringBuilder();
            synchronized (this) {
                while (!closed && (client == null || queue.isEmpty())) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                target = client;
                while (!queue.isEmpty() && chunk.length() < 8192) {
                    chunk.append(queue.pollFirst()).append('\n');
                }
            }
            try {
                OutputStream out = target.getOutputStream();
                out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                synchronized (this) {
                    // not delivered: send it again to the next client
                    String[] lines = chunk.toString().split("\n");
                    for (int i = lines.length - 1; i >= 0; i--) {
                        queue.addFirst(lines[i]);
                    }
                    if (client == target) {
                        client = null;
                    }
                }
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        synchronized (this) {
            notifyAll();
            if (client != null) {
                client.close();
            }
        }
        server.close();
    }
}
