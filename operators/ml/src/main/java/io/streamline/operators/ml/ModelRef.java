package io.streamline.operators.ml;

import java.util.Objects;

/**
 * The latest version of a model, shared between the operator that trains it and the operators that use it (in the
 * same or other queries). Training operators publish a new immutable model at the end of each epoch or batch;
 * using operators read it at their own epoch or batch boundaries, so every record of one epoch is scored by the same
 * model, and a swap never happens in the middle of one.
 *
 * @param <M> model type (immutable)
 */
public final class ModelRef<M> {
    private volatile M model;

    /** A reference holding {@code initial}, which may be {@code null} until a first model is set. */
    public ModelRef(M initial) {
        this.model = initial;
    }

    /** A reference to a fixed model, e.g. one loaded from a file at start. */
    public static <M> ModelRef<M> of(M model) {
        return new ModelRef<>(Objects.requireNonNull(model, "model"));
    }

    /** The latest model, or {@code null} before the first. */
    public M get() {
        return model;
    }

    /** Publishes {@code next}; readers see it from their next epoch or batch boundary on. */
    public void set(M next) {
        this.model = Objects.requireNonNull(next, "model");
    }
}
