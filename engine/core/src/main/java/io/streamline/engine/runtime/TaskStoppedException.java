package io.streamline.engine.runtime;

/**
 * Unwinds a task's fused chain when the query stops while the task is blocked on a full ring. Preallocated
 * and stackless: it is control flow at shutdown, not an error.
 */
public final class TaskStoppedException extends RuntimeException {
    /** The single instance. */
    public static final TaskStoppedException INSTANCE = new TaskStoppedException();

    private TaskStoppedException() {
        super("task stopped", null, false, false);
    }
}
