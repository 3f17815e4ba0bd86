package io.streamline.engine.runtime;

/** One input of a task: a source partition read inline, or a ring from an upstream task. */
public interface TaskInput {
    /**
     * Moves up to {@code limit} records from this input through the task's chain.
     *
     * @return the amount of work done, 0 if there was nothing to do (lets the idle strategy back off)
     */
    int poll(int limit);

    /** For {@code explain()}. */
    String describe();
}
