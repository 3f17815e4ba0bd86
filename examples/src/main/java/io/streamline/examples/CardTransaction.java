package io.streamline.examples;

/**
 * A generated card transaction of the fraud examples, with its label: {@link #of} draws transaction {@code n} from
 * the distribution {@code examples/python/train_fraud_model.py} trains on (2% fraud: larger amounts, more often at
 * night, far from home, abroad, and several transactions of the card within the hour). Each draw is a hash of
 * {@code n} and the draw's index, so transaction {@code n} is the same on every thread and every run.
 *
 * @param id              the transaction number
 * @param amount          amount in the card's currency
 * @param night           whether it happened between midnight and 6 am
 * @param distanceKm      distance from the card holder's home
 * @param foreign         whether the merchant is abroad
 * @param cardTxLastHour  transactions of the same card in the hour before
 * @param fraud           the label (known later, from charge-backs, for retraining)
 */
record CardTransaction(long id, double amount, boolean night, double distanceKm, boolean foreign, int cardTxLastHour,
                       boolean fraud) {
    static final double FRAUD_RATE = 0.02;
    static final int FEATURES = 5;

    static CardTransaction of(long n) {
        boolean fraud = uniform(n, 0) < FRAUD_RATE;
        double amount = Math.exp((fraud ? 5.5 : 3.5) + normal(n, 1));
        boolean night = uniform(n, 3) < (fraud ? 0.6 : 0.1);
        double distance = -Math.log(1 - uniform(n, 4)) * (fraud ? 800.0 : 15.0);
        boolean foreign = uniform(n, 5) < (fraud ? 0.5 : 0.03);
        int velocity = poisson(n, 6, fraud ? 4.0 : 0.5);
        return new CardTransaction(n, amount, night, distance, foreign, velocity, fraud);
    }

    /** The fields of a transaction's CSV line ({@link #csv()}), in order. */
    static final String CSV_HEADER = "id,amount,night,distanceKm,foreign,cardTxLastHour,fraud";

    /**
     * The transaction as the Kafka examples carry it: one CSV line of {@link #CSV_HEADER}'s fields, the doubles as
     * {@link Double#toString} writes them so they read back exactly; the label comes last, for measuring the alerts'
     * precision (the models do not read it).
     */
    String csv() {
        return id + "," + amount + "," + night + "," + distanceKm + "," + foreign + "," + cardTxLastHour + "," + fraud;
    }

    /**
     * Reads a line {@link #csv()} wrote.
     *
     * @throws IllegalArgumentException naming the line and the fields expected, if it is not such a line
     */
    static CardTransaction parseCsv(String line) {
        String[] f = line.split(",", -1);
        try {
            if (f.length == 7) {
                return new CardTransaction(Long.parseLong(f[0]), Double.parseDouble(f[1]), bool(f[2]), Double.parseDouble(f[3]),
                        bool(f[4]), Integer.parseInt(f[5]), bool(f[6]));
            }
        } catch (NumberFormatException malformed) {
            // reported below
        }
        throw new IllegalArgumentException("not a card transaction (CSV of " + CSV_HEADER + ", e.g. "
                + of(0).csv() + "): " + line);
    }

    private static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new NumberFormatException(text);
        };
    }

    /** The model's features, in the order the models were trained with, into {@code into}. */
    void features(double[] into) {
        into[0] = Math.log1p(amount);
        into[1] = night ? 1 : 0;
        into[2] = Math.log1p(distanceKm);
        into[3] = foreign ? 1 : 0;
        into[4] = cardTxLastHour;
    }

    double[] features() {
        double[] f = new double[FEATURES];
        features(f);
        return f;
    }

    /** A uniform draw in [0, 1): SplitMix64's finaliser of the transaction and draw number. */
    private static double uniform(long n, int draw) {
        long z = n * 0x9E3779B97F4A7C15L + (draw + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    /** A standard normal draw (Box-Muller over draws {@code draw} and {@code draw + 1}). */
    private static double normal(long n, int draw) {
        return Math.sqrt(-2 * Math.log(1 - uniform(n, draw))) * Math.cos(2 * Math.PI * uniform(n, draw + 1));
    }

    /** A Poisson draw by inversion, from one uniform. */
    private static int poisson(long n, int draw, double mean) {
        double u = uniform(n, draw);
        double p = Math.exp(-mean);
        double cumulative = p;
        int k = 0;
        while (u > cumulative && k < 100) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }
}
