package io.streamline.engine.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The socket source's side of {@link AckProtocol} over the connections of one receiver: says where to resume on each
 * connection, checks each line's number, and acknowledges what the write-ahead log holds. Used by the receiver
 * thread only.
 */
final class AckSession {
    private final String what;
    /** The number of the last line the write-ahead log holds. */
    private long lastLogged;
    private long lastAcknowledged;
    private OutputStream out;
    /** {@code "ack "}, then room for the digits and the line end: acknowledgements allocate nothing. */
    private final byte[] ack = new byte[AckProtocol.ACK.length() + AckProtocol.MAX_DIGITS + 1];

    /**
     * @param lastLogged the number of the last line the write-ahead log holds, 0 if none
     * @param what       names the source in messages
     */
    AckSession(long lastLogged, String what) {
        this.lastLogged = lastLogged;
        this.what = what;
        byte[] prefix = AckProtocol.ACK.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, ack, 0, prefix.length);
    }

    /** A new connection: sends the handshake, which acknowledges every line logged so far. */
    void connected(OutputStream out) throws IOException {
        this.out = out;
        out.write((AckProtocol.hello(lastLogged) + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        lastAcknowledged = lastLogged;
    }

    /**
     * Checks that the line at {@code buffer[from, from + length)} is the one due, {@code <lastLogged + 1> <text>}.
     *
     * @return where its text starts in {@code buffer}
     * @throws Violation if it is not; the sender was told why
     */
    int textStart(byte[] buffer, int from, int length) throws Violation {
        int space = AckProtocol.separator(buffer, from, length);
        if (space < 0) {
            String got = new String(buffer, from, Math.min(length, 200), StandardCharsets.UTF_8);
            throw reject("line " + due() + " must read '<number> <text>' (the line number in decimal, 1 to "
                    + AckProtocol.MAX_DIGITS + " digits without a leading zero, one space, the text), got '"
                    + AckProtocol.excerpt(got) + "'. A sender of plain lines needs option protocol 'plain'");
        }
        long number = AckProtocol.number(buffer, from, space);
        if (number != due()) {
            throw reject("line " + number + " came where line " + due() + " was due (after 'resume " + lastLogged
                    + "' the lines go on from " + due() + ", one by one)");
        }
        return space + 1;
    }

    /** The number of the line due next. */
    long due() {
        return lastLogged + 1;
    }

    /** The line due was appended to the write-ahead log. */
    void logged() {
        lastLogged++;
    }

    /** Acknowledges the lines logged since the last acknowledgement, if any: called before waiting for more. */
    void acknowledge() throws IOException {
        if (lastLogged == lastAcknowledged) {
            return;
        }
        int prefix = AckProtocol.ACK.length();
        int digits = 1;
        for (long n = lastLogged; n >= 10; n /= 10) {
            digits++;
        }
        long n = lastLogged;
        for (int i = prefix + digits - 1; i >= prefix; i--, n /= 10) {
            ack[i] = (byte) ('0' + n % 10);
        }
        ack[prefix + digits] = '\n';
        out.write(ack, 0, prefix + digits + 1);
        out.flush();
        lastAcknowledged = lastLogged;
    }

    private Violation reject(String problem) {
        String message = what + " received a line that breaks protocol '" + AckProtocol.NAME + " " + AckProtocol.VERSION
                + "': " + problem + ". Nothing from it on was logged or acknowledged, so the sender still holds it";
        try {
            out.write((AckProtocol.error(message) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException ignored) {
            // the sender may be gone already; the query reports the problem either way
        }
        return new Violation(message);
    }

    /** A line that breaks the protocol: the connection ends and the query fails. */
    static final class Violation extends IOException {
        Violation(String message) {
            super(message);
        }
    }
}
