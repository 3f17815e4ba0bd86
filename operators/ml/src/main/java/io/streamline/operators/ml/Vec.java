package io.streamline.operators.ml;

/** The few dense-vector operations the algorithms need, on plain arrays and without allocating. */
final class Vec {
    private Vec() {
    }

    static double dot(double[] a, double[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a, a.length));
    }

    /** Fails with a message naming {@code what} unless {@code vector} has {@code expected} finite entries. */
    static void check(String what, double[] vector, int expected) {
        if (vector == null) {
            throw new IllegalArgumentException(what + ": the vector is null; a dense double[] of " + expected + " values is expected");
        }
        if (vector.length != expected) {
            throw new IllegalArgumentException(what + ": the vector has " + vector.length + " values, the model has "
                    + expected + " dimensions");
        }
        for (double v : vector) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + ": the vector has a non-finite value (" + v
                        + "); only finite numbers are accepted");
            }
        }
    }
}
