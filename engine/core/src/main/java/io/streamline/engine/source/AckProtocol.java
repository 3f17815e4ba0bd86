package io.streamline.engine.source;

/**
 * The socket source's acknowledging line protocol, {@code streamline-ack 1} (option {@code protocol} = {@code ack} of
 * {@code format("socket")}): with it, a sender that keeps what it sent until it is acknowledged loses no line when
 * the engine is killed. This class holds its messages, for the source and for senders written in Java
 * ({@code PublishData --protocol ack} in the examples is one).
 *
 * <p>The source is the TCP client, the sender the server; both directions carry UTF-8 text lines ending in
 * {@code '\n'}. On one connection:
 * <ol>
 *   <li><b>Handshake.</b> Having connected, the source sends {@code streamline-ack 1 resume <n>} ({@link #hello}), where
 *       {@code n} is the number of the last line its write-ahead log holds, 0 if none. The sender waits for it and then
 *       sends line {@code n + 1} first.</li>
 *   <li><b>Lines</b>, sender to source: {@code <number> <text>} ({@link #line}): the line's number in decimal (1 to
 *       {@value #MAX_DIGITS} digits, no sign, no leading zero), one space, the text (any bytes but {@code '\n'},
 *       possibly none; a {@code '\r'} before the {@code '\n'} is dropped). Numbers start at 1 and go up by one,
 *       across connections: after {@code resume n} the next line is {@code n + 1}, whatever the previous
 *       connection carried.</li>
 *   <li><b>Acknowledgements</b>, source to sender: {@code ack <n>} ({@link #ack}): every line up to {@code n} is in
 *       the write-ahead log, durable against a crash of the engine's process. The source acknowledges whenever it
 *       has logged lines and is about to wait for more, so at least once per read from the socket (on a busy
 *       connection one acknowledgement covers many lines). {@code resume n} acknowledges up to {@code n} too.</li>
 *   <li><b>Errors</b>, source to sender: {@code error <message>}: a line broke the protocol (not {@code <number>
 *       <text>}, or not the number due); the message says what was expected. The source then closes the connection
 *       and its query fails with the same message. Neither that line nor any after it was logged or acknowledged,
 *       so the sender still holds them: nothing is lost, and a restarted query resumes before the line.</li>
 * </ol>
 *
 * <p><b>What the sender must keep:</b> every line after the highest {@code n} it was acknowledged, by {@code ack n}
 * or {@code resume n}; lines up to it it may forget. After a connection ends (the engine died, or the network),
 * the next connection's {@code resume n} says where to start again: lines after {@code n} that went out on the
 * old connection were not logged and must be sent again. Since the write-ahead log survives a {@code kill -9},
 * {@code n} is never below an acknowledgement already sent; a sender that finds it below the oldest line it kept
 * is facing another log (a new checkpoint) and should refuse the connection rather than skip lines. The sender
 * must also read the acknowledgements as they come: a source whose acknowledgements are never read eventually
 * blocks writing them.
 *
 * <p>A sender of plain lines meets this with an error naming the expected form at its first line; a source in
 * plain mode never sends a hello, which a sender of this protocol should report after a timeout.
 */
public final class AckProtocol {
    /** The protocol's name, the hello's first word. */
    public static final String NAME = "streamline-ack";
    /** Its version, the hello's second word. */
    public static final int VERSION = 1;
    /** Longest line number in digits: every number of at most this many digits fits in a {@code long}. */
    public static final int MAX_DIGITS = 18;
    /** How an acknowledgement starts. */
    public static final String ACK = "ack ";
    /** How an error message starts. */
    public static final String ERROR = "error ";
    private static final String HELLO = NAME + " " + VERSION + " resume ";
    /** The largest line number, {@value #MAX_DIGITS} nines. */
    private static final long MAX_NUMBER = 999_999_999_999_999_999L;

    private AckProtocol() {
    }

    /** The handshake the source sends: {@code streamline-ack 1 resume <lastLogged>}, without the line end. */
    public static String hello(long lastLogged) {
        return HELLO + lastLogged;
    }

    /**
     * The {@code n} of a handshake, the number of the last line the source holds.
     *
     * @throws IllegalArgumentException if {@code message} is not a handshake of this version, naming the form expected
     */
    public static long parseHello(String message) {
        long n = numberAfter(HELLO, message);
        if (n >= 0) {
            return n;
        }
        throw new IllegalArgumentException("Expected the handshake '" + HELLO + "<n>' (n: the last line number the"
                + " source holds, 0 or more), got '" + excerpt(message) + "'");
    }

    /** An acknowledgement of every line up to {@code n}: {@code ack <n>}, without the line end. */
    public static String ack(long n) {
        return ACK + n;
    }

    /**
     * The {@code n} of an acknowledgement.
     *
     * @throws IllegalArgumentException for anything else (an {@code error} message included: its text is in the
     *                                  exception's message)
     */
    public static long parseAck(String message) {
        long n = numberAfter(ACK, message);
        if (n >= 0) {
            return n;
        }
        if (message.startsWith(ERROR)) {
            throw new IllegalArgumentException("The source reported: " + message.substring(ERROR.length()));
        }
        throw new IllegalArgumentException("Expected '" + ACK + "<n>' or '" + ERROR + "<message>', got '"
                + excerpt(message) + "'");
    }

    /** An error message: {@code error <message>}, the message on one line. */
    public static String error(String message) {
        return ERROR + message.replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * Line {@code number} as the sender sends it: {@code <number> <text>}, without the line end.
     *
     * @throws IllegalArgumentException if {@code number} is not positive or {@code text} holds a line end
     */
    public static String line(long number, String text) {
        if (number < 1 || number > MAX_NUMBER) {
            throw new IllegalArgumentException("A line number must be 1 to " + MAX_NUMBER + ", got " + number);
        }
        if (text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("A line's text cannot hold '\\n': it ends the line");
        }
        return number + " " + text;
    }

    /** The number that follows {@code prefix} in {@code message} and ends it, or -1. */
    private static long numberAfter(String prefix, String message) {
        return message.startsWith(prefix) ? parseNumber(message.substring(prefix.length())) : -1;
    }

    /** A whole number of at most {@link #MAX_DIGITS} digits without sign or leading zero, or -1. */
    private static long parseNumber(String digits) {
        int n = digits.length();
        if (n == 0 || n > MAX_DIGITS || n > 1 && digits.charAt(0) == '0') {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Where the number of a numbered line ends: the index of the space behind 1 to {@link #MAX_DIGITS} digits (no
     * leading zero) at {@code buffer[from, from + length)}, or -1 if the line does not start so.
     */
    static int separator(byte[] buffer, int from, int length) {
        int end = from + Math.min(length, MAX_DIGITS + 1);
        if (length < 2 || buffer[from] == '0') {
            return -1;
        }
        for (int i = from; i < end; i++) {
            byte b = buffer[i];
            if (b == ' ') {
                return i > from ? i : -1;
            }
            if (b < '0' || b > '9') {
                return -1;
            }
        }
        return -1;
    }

    /** The number in the digits {@code buffer[from, to)}, as found by {@link #separator}. */
    static long number(byte[] buffer, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (buffer[i] - '0');
        }
        return value;
    }

    /** The start of a message for an error, non-printable characters escaped. */
    static String excerpt(String message) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < message.length() && sb.length() < 60; i++) {
            char c = message.charAt(i);
            if (c < ' ' || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return message.length() > 60 ? sb + "..." : sb.toString();
    }
}
