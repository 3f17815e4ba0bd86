package io.streamline.journal;

/**
 * Thrown when a journal cannot be written, typically because its file system is full. An append that throws it
 * leaves nothing of its entry readable, and the entries appended before it intact.
 */
public final class JournalWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names the journal's directory and what went wrong
     * @param cause   the failure of the underlying write
     */
    public JournalWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
