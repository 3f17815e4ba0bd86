package io.streamline.engine.source;

import io.streamline.journal.EntryCursor;
import io.streamline.journal.EntryLog;

import java.util.NoSuchElementException;
import java.util.OptionalLong;

/**
 * Reads an {@link EntryLog} forward from a position, without blocking: {@link #next()} returns {@code false}
 * when no complete entry is available yet and can be called again later. Its position is a string that
 * {@link #JournalTail(EntryLog, String)} resumes from:
 * <ul>
 *   <li>{@code "earliest"}: nothing read yet, start at the first entry the log holds;</li>
 *   <li>{@code "from:<index>"}: nothing read yet, start at the entry with that Chronicle index;</li>
 *   <li>{@code "after:<index>"}: the entry with that index was the last one read, continue behind it.</li>
 * </ul>
 * Chronicle indices are not contiguous across roll cycles, so "the next index" cannot be computed: that is why
 * a position names the last entry read rather than the next one. One thread uses a tail.
 */
final class JournalTail implements AutoCloseable {
    static final String EARLIEST = "earliest";
    private static final String FROM = "from:";
    private static final String AFTER = "after:";
    /** How often an unopened tail retries (an empty log, an index not yet written): bounds the cost of idling. */
    private static final long RETRY_NANOS = 1_000_000;

    private final EntryLog log;
    private final String what;
    private EntryCursor cursor;
    /** The start index for {@code from:}, the last index read for {@code after:}, -1 for {@code earliest}. */
    private long anchor;
    private boolean after;
    private long retryAt;
    private boolean pending;
    private long index = -1;
    private byte[] payload;

    /**
     * @param log      the log, owned by the caller
     * @param position a position returned by {@link #position()}, or {@code "earliest"}
     * @param what     names the log in messages
     */
    JournalTail(EntryLog log, String position, String what) {
        this.log = log;
        this.what = what;
        if (position == null || position.equals(EARLIEST)) {
            anchor = -1;
        } else if (position.startsWith(FROM)) {
            anchor = parse(position, FROM.length());
        } else if (position.startsWith(AFTER)) {
            anchor = parse(position, AFTER.length());
            after = true;
        } else {
            throw new IllegalArgumentException("Unrecognised offset '" + position + "' of " + what
                    + "; expected 'earliest', 'from:<index>' or 'after:<index>'");
        }
    }

    private long parse(String position, int at) {
        try {
            return Long.parseLong(position.substring(at));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Unrecognised offset '" + position + "' of " + what, e);
        }
    }

    /**
     * Orders two positions of one log: {@code earliest} first, then by index, {@code from:i} (before entry
     * {@code i}) ahead of {@code after:i}.
     */
    static int compare(String a, String b) {
        return Long.compare(rank(a), rank(b));
    }

    private static long rank(String position) {
        if (position == null || position.equals(EARLIEST)) {
            return Long.MIN_VALUE;
        }
        boolean isAfter = position.startsWith(AFTER);
        long index = Long.parseLong(position.substring(isAfter ? AFTER.length() : FROM.length()));
        return index * 2 + (isAfter ? 1 : 0); // Chronicle indices stay far below 2^62
    }

    /** The last index a tail at {@code position} has read, as the bound for {@link #nextUpTo}. */
    static long lastIndexOf(String position) {
        if (position == null || position.equals(EARLIEST)) {
            return -1;
        }
        return position.startsWith(AFTER) ? Long.parseLong(position.substring(AFTER.length()))
                : Long.parseLong(position.substring(FROM.length())) - 1;
    }

    /**
     * Where this tail would be after reading up to {@code maxEntries} more entries available now, without
     * reading them: the end of a micro-batch. Uses a second tail on the same log.
     */
    String positionAfter(long maxEntries) {
        try (JournalTail ahead = new JournalTail(log, position(), what)) {
            for (long n = 0; n < maxEntries && ahead.next(); n++) {
                // only the position matters
            }
            return ahead.position();
        }
    }

    /** The position of a tail that has read nothing and starts at {@code index}. */
    static String from(long index) {
        return FROM + index;
    }

    /**
     * Moves to the next complete entry, if one is available now.
     *
     * @return {@code false} if there is none yet
     */
    boolean next() {
        return nextUpTo(Long.MAX_VALUE);
    }

    /**
     * Moves to the next complete entry if one is available now and its index is at most {@code lastIndex};
     * a later entry stays unread (micro-batches end at a planned index).
     *
     * @return {@code false} if there is none yet, or the next one lies beyond {@code lastIndex}
     */
    boolean nextUpTo(long lastIndex) {
        if (cursor == null && !open()) {
            return false;
        }
        if (!pending && !(pending = cursor.next())) {
            return false;
        }
        if (cursor.index() > lastIndex) {
            return false;
        }
        pending = false;
        index = cursor.index();
        payload = cursor.payload();
        anchor = index;
        after = true;
        return true;
    }

    /** Index of the current entry. */
    long index() {
        return index;
    }

    /** Bytes of the current entry. */
    byte[] payload() {
        return payload;
    }

    /** Where a new tail would resume to read what this one has not read yet. */
    String position() {
        if (after) {
            return AFTER + anchor;
        }
        return anchor < 0 ? EARLIEST : FROM + anchor;
    }

    private boolean open() {
        long now = System.nanoTime();
        if (now - retryAt < 0) {
            return false;
        }
        retryAt = now + RETRY_NANOS;
        OptionalLong first = firstIndex(log);
        if (anchor < 0) {
            if (first.isEmpty()) {
                return false;
            }
            cursor = log.cursorFrom(first.getAsLong());
            pending = cursor.next();
            return true;
        }
        if (first.isPresent() && first.getAsLong() > anchor) {
            throw new IllegalStateException("Cannot resume " + what + " at index " + anchor
                    + ": the log's oldest retained entry is " + first.getAsLong()
                    + " (older files were deleted by retention or by hand)");
        }
        try {
            cursor = log.cursorFrom(anchor);
        } catch (NoSuchElementException notYet) {
            if (after) {
                throw new IllegalStateException("Cannot resume " + what + " after index " + anchor
                        + ": the log holds no entry there", notYet);
            }
            return false; // a start index that has not been written yet
        }
        pending = cursor.next();
        if (pending && after && cursor.index() == anchor) {
            pending = false; // the entry at the anchor was read before: continue behind it
        }
        return true;
    }

    /** The index of the log's first valid entry, if it has one. */
    static OptionalLong firstIndex(EntryLog log) {
        try {
            log.forEach((idx, bytes) -> {
                throw new Found(idx);
            });
        } catch (Found found) {
            return OptionalLong.of(found.index);
        }
        return OptionalLong.empty();
    }

    /** Stops {@link EntryLog#forEach} at the first entry (the log offers no cursor from its start). */
    private static final class Found extends RuntimeException {
        final long index;

        Found(long index) {
            super(null, null, false, false);
            this.index = index;
        }
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}
