package io.streamline.engine.source;

/** A line a file source could not parse, in mode {@code FAILFAST}; the message names the file and the line. */
public final class MalformedRecordException extends RuntimeException {
    /** @param message names the file, the line and the problem */
    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
