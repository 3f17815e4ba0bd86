package io.streamline.examples;

/**
 * The sender's memory in the socket source's acknowledging protocol ({@code io.streamline.engine.source.AckProtocol}):
 * lines numbered 1, 2, ... in the order published, each kept until a source acknowledges it, so that a connection
 * that ends (the engine killed) can be resumed from the next connection's resume point. Holds at most {@code limit}
 * lines: publishing waits while that many are unacknowledged. Thread-safe: the pacer appends, each connection reads
 * and acknowledges.
 */
final class UnacknowledgedLines {
    private final byte[][] ring;
    /** The number of the oldest line kept (one more than the last acknowledged). */
    private long first = 1;
    /** The number of the last line published, {@code first - 1} if none is kept. */
    private long last;
    /** The highest line number written to any connection. */
    private long sent;
    /** Lines written to a connection that ended before the source logged them, sent again on a later one. */
    private long resent;
    private boolean closed;

    UnacknowledgedLines(int limit) {
        this.ring = new byte[limit][];
    }

    /**
     * Publishes a line, waiting while {@code limit} lines are unacknowledged.
     *
     * @return its number, or -1 if closed meanwhile
     */
    synchronized long append(byte[] text) throws InterruptedException {
        while (!closed && last - first + 1 >= ring.length) {
            wait();
        }
        if (closed) {
            return -1;
        }
        last++;
        ring[slot(last)] = text;
        notifyAll();
        return last;
    }

    /**
     * A source connected and resumes after line {@code n}: checks that this sender can continue there and counts the
     * lines to send again. Before anything was published, a source that holds lines (this sender was restarted) sets
     * where the numbering continues.
     *
     * @return {@code null} if it can, else why not
     */
    synchronized String resume(long n) {
        if (last == 0 && first == 1 && n > 0) {
            first = n + 1;
            last = n;
            sent = n;
            return null;
        }
        if (n < first - 1) {
            return "it resumes after line " + n + ", but lines up to " + (first - 1) + " were acknowledged and forgotten:"
                    + " it reads another write-ahead log (a new checkpoint?)";
        }
        if (n > last) {
            return "it resumes after line " + n + ", but only lines up to " + last + " were published: it reads the"
                    + " log of another publisher";
        }
        resent += Math.max(0, sent - n);
        return null;
    }

    /**
     * Line {@code number}'s text, waiting up to {@code millis} for it to be published.
     *
     * @return the text, or {@code null} if not yet published
     * @throws IllegalStateException if it was acknowledged and forgotten already
     */
    synchronized byte[] await(long number, long millis) throws InterruptedException {
        if (number < first) {
            throw new IllegalStateException("line " + number + " was acknowledged (by another connection?) and forgotten");
        }
        if (number > last && !closed) {
            wait(millis);
        }
        return number <= last && number >= first ? ring[slot(number)] : null;
    }

    /** Line {@code number} went out on a connection. */
    synchronized void sent(long number) {
        sent = Math.max(sent, number);
    }

    /** The source holds every line up to {@code n}: they are forgotten. */
    synchronized void acknowledge(long n) {
        for (long k = first; k <= Math.min(n, last); k++) {
            ring[slot(k)] = null;
        }
        first = Math.max(first, Math.min(n, last) + 1);
        notifyAll();
    }

    /** Lines published but not yet acknowledged. */
    synchronized long unacknowledged() {
        return last - first + 1;
    }

    /** Lines sent again because the connection they first went out on ended before the source logged them. */
    synchronized long resent() {
        return resent;
    }

    /** Wakes every waiter for good. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private int slot(long number) {
        return (int) ((number - 1) % ring.length);
    }
}
