package io.streamline.engine.runtime;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

import java.util.List;
import java.util.function.Consumer;

/**
 * One thread's worth of work: a set of inputs feeding a fused operator chain, run as an Agrona
 * {@link Agent} so the thread's idle strategy sees how much work each duty cycle did.
 */
public final class Task implements Agent {
    private final String name;
    private final List<TaskInput> inputs;
    private final String chainDescription;
    private final Consumer<Throwable> onFailure;
    private final TaskInput[] polled;
    private final int pollBatch;

    /**
     * @param name             the thread's name
     * @param inputs           what the task reads
     * @param chainDescription the fused operators, for {@code explain()}
     * @param pollBatch        records taken from one input per duty cycle: bounds how long one input can
     *                         starve the others
     * @param onFailure        told once if a record fails; the task then stops
     */
    public Task(String name, List<TaskInput> inputs, String chainDescription, int pollBatch, Consumer<Throwable> onFailure) {
        this.name = name;
        this.inputs = List.copyOf(inputs);
        this.chainDescription = chainDescription;
        this.onFailure = onFailure;
        this.polled = inputs.toArray(new TaskInput[0]);
        this.pollBatch = pollBatch;
    }

    @Override
    public int doWork() {
        try {
            int work = 0;
            for (TaskInput input : polled) {
                work += input.poll(pollBatch);
            }
            return work;
        } catch (TaskStoppedException stopped) {
            throw new AgentTerminationException();
        } catch (Throwable failure) {
            onFailure.accept(failure);
            throw new AgentTerminationException(failure);
        }
    }

    @Override
    public String roleName() {
        return name;
    }

    /** The inputs, for {@code explain()} and shutdown. */
    public List<TaskInput> inputs() {
        return inputs;
    }

    /** The fused operators of this task, for {@code explain()}. */
    public String chainDescription() {
        return chainDescription;
    }
}
