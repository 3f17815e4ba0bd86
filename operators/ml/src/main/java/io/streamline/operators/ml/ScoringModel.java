package io.streamline.operators.ml;

/** A model that can score records in the fused chain through {@link Scoring}. */
public interface ScoringModel {
    /** A scorer for one operator instance's thread. */
    Scorer scorer();

    /** Number of features the model expects. */
    int numFeatures();
}
