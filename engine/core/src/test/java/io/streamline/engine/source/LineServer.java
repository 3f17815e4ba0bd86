package io.streamline.engine.source;

import io.streamline.engine.Await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test TCP server on loopback that sends lines to the client that connected last. */
final class LineServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final Map<Socket, BufferedReader> readers = new ConcurrentHashMap<>();
    private final Thread acceptor;

    LineServer() throws IOException {
        this(0);
    }

    /** @param port the port to listen on, 0 for any free one */
    LineServer(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    clients.add(server.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "line-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many clients connected so far. */
    int connections() {
        return clients.size();
    }

    /** Waits until {@code n} clients have connected in all. */
    void awaitConnections(int n) {
        Await.until(n + " connection(s) to the line server", () -> clients.size() >= n);
    }

    /** Sends raw text to the latest client. */
    void sendRaw(String text) {
        try {
            OutputStream out = clients.get(clients.size() - 1).getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends each line with a newline to the latest client. */
    void send(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        sendRaw(sb.toString());
    }

    /** The next line the latest client sent (e.g. an acknowledgement); fails after 30 s without one, or at its end. */
    String receive() {
        Socket client = clients.get(clients.size() - 1);
        try {
            BufferedReader in = readers.get(client);
            if (in == null) {
                client.setSoTimeout(30_000); // a missing line fails the test instead of hanging it
                in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                readers.put(client, in);
            }
            String line = in.readLine();
            if (line == null) {
                throw new AssertionError("the client closed the connection before sending a line");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the latest client's connection, as a publisher that drops its peers. */
    void dropClient() throws IOException {
        clients.get(clients.size() - 1).close();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : clients) {
            s.close();
        }
    }
}
