package io.streamline.operators.ml;

/**
 * Scores one feature vector; used by one thread (one operator instance), so it may keep scratch buffers.
 */
@FunctionalInterface
public interface Scorer {
    /** The score of {@code features} (a prediction, probability or class, as the model defines). */
    double score(double[] features);
}
