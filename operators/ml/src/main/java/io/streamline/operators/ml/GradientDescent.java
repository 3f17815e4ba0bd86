package io.streamline.operators.ml;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * MLlib's {@code GradientDescent.runMiniBatchSGD} on one batch. Iteration {@code i} (from 1) averages the gradient
 * over a sample of the batch (every point when {@code miniBatchFraction} is 1), then takes a step of
 * {@code stepSize / sqrt(i)}; with L2 regularisation ({@code SquaredL2Updater}) the weights are first shrunk by
 * {@code 1 - step * regParam}. It stops after {@code numIterations}, or once two consecutive weight vectors differ
 * by less than {@code convergenceTol * max(|w|, 1)}. An empty batch leaves the weights as they are.
 *
 * <p>Sampling (fraction below 1) draws each point with probability {@code miniBatchFraction} from a generator seeded
 * with {@code 42 + i}, as Spark seeds its sample; the points drawn differ from Spark's (its sampler runs per
 * partition), but the same batch always gives the same sample, so a batch replayed after a crash trains the same
 * model.
 */
final class GradientDescent {
    /** The loss whose gradient is followed. */
    enum Loss {
        /** {@code (w.x - y)^2 / 2}: gradient {@code (w.x - y) x}. */
        LEAST_SQUARES {
            @Override
            double multiplier(double dot, double label) {
                return dot - label;
            }
        },
        /** Binary logistic loss: gradient {@code (sigmoid(w.x) - y) x}. */
        LOGISTIC {
            @Override
            double multiplier(double dot, double label) {
                return 1.0 / (1.0 + Math.exp(-dot)) - label;
            }
        };

        abstract double multiplier(double dot, double label);
    }

    private final Loss loss;
    private final boolean l2;
    private final double stepSize;
    private final int numIterations;
    private final double regParam;
    private final double miniBatchFraction;
    private final double convergenceTol;

    GradientDescent(Loss loss, boolean l2, double stepSize, int numIterations, double regParam, double miniBatchFraction,
                    double convergenceTol) {
        this.loss = loss;
        this.l2 = l2;
        this.stepSize = stepSize;
        this.numIterations = numIterations;
        this.regParam = regParam;
        this.miniBatchFraction = miniBatchFraction;
        this.convergenceTol = convergenceTol;
    }

    /** The weights after running on {@code batch} from {@code initial} (not modified). */
    double[] run(TrainingBatch batch, double[] initial) {
        double[] weights = initial.clone();
        if (batch.size() == 0) {
            return weights;
        }
        int width = weights.length;
        double[] gradient = new double[width];
        boolean updated = false; // Spark checks convergence from the second update on
        for (int i = 1; i <= numIterations; i++) {
            Arrays.fill(gradient, 0);
            long sampled = 0;
            SplittableRandom sampler = miniBatchFraction < 1 ? new SplittableRandom(42 + i) : null;
            for (int p = 0; p < batch.size(); p++) {
                if (sampler != null && sampler.nextDouble() >= miniBatchFraction) {
                    continue;
                }
                batch.addScaled(p, loss.multiplier(batch.dot(p, weights), batch.label(p)), gradient);
                sampled++;
            }
            if (sampled == 0) {
                continue; // Spark skips an iteration whose sample is empty
            }
            double step = stepSize / Math.sqrt(i);
            double shrink = l2 ? 1.0 - step * regParam : 1.0;
            double[] next = new double[width];
            for (int d = 0; d < width; d++) {
                next[d] = weights[d] * shrink - step * gradient[d] / sampled;
            }
            boolean converged = updated && converged(weights, next);
            weights = next;
            updated = true;
            if (converged) {
                break;
            }
        }
        return weights;
    }

    private boolean converged(double[] previous, double[] current) {
        return Math.sqrt(Vec.squaredDistance(previous, current)) < convergenceTol * Math.max(Vec.norm(current), 1.0);
    }
}
