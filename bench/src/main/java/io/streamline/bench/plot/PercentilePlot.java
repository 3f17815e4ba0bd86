package io.streamline.bench.plot;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An SVG percentile-distribution plot in the style of HdrHistogram's plotter: latency on a log y-axis
 * against percentile on a {@code 1/(1-p)} log x-axis (so 90%, 99%, 99.9%, ... are equally spaced), one line
 * per curve, with a legend naming each. The last step of a distribution (p = 100%, infinitely far right) is left
 * out; the tables have the max. Written as text, with nothing but the JDK, so that any browser shows it.
 * Used by the latency runner (one plot per invocation, its runs overlaid) and the peers' combined report.
 */
public final class PercentilePlot {
    /**
     * One step of a distribution.
     *
     * @param valueUs    the latency, in µs
     * @param percentile the fraction (0..1) of the values that are at most {@code valueUs}
     */
    public record Point(double valueUs, double percentile) {
    }

    /**
     * One line of the plot.
     *
     * @param label  what the legend calls it
     * @param points its steps, in ascending percentile
     */
    public record Curve(String label, List<Point> points) {
        /** HdrHistogram's percentile steps: five per halving of the distance to 100%, as in a {@code .hgrm} file. */
        private static final int TICKS_PER_HALF_DISTANCE = 5;
        private static final double NANOS_PER_MICRO = 1000.0;

        /** Copies {@code points}. */
        public Curve {
            points = List.copyOf(points);
        }

        /**
         * The curve of a latency histogram in nanoseconds: the same steps that
         * {@code Histogram.outputPercentileDistribution} writes to a {@code .hgrm} file, in µs.
         */
        public static Curve of(String label, Histogram nanos) {
            List<Point> points = new ArrayList<>();
            for (HistogramIterationValue step : nanos.percentiles(TICKS_PER_HALF_DISTANCE)) {
                points.add(new Point(step.getValueIteratedTo() / NANOS_PER_MICRO,
                        step.getPercentileLevelIteratedTo() / 100.0));
            }
            return new Curve(label, points);
        }
    }

    private static final int LEFT = 80;
    private static final int TOP = 50;
    private static final int PLOT_WIDTH = 840;
    private static final int PLOT_HEIGHT = 420;
    private static final int RIGHT = LEFT + PLOT_WIDTH;
    private static final int BOTTOM = TOP + PLOT_HEIGHT;
    private static final int WIDTH = RIGHT + 40;
    /** The legend sits under the x-axis title, one line per curve, so long labels keep the full width. */
    private static final int LEGEND_TOP = BOTTOM + 70;
    private static final int LEGEND_LINE = 20;
    private static final String[] COLOURS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};
    /** Percentiles marked on every curve, with their values. */
    private static final double[] MARKED = {0.5, 0.99, 0.999};
    /** Decades shown at least: 0% .. 99%. */
    private static final int MIN_NINES = 2;

    private final double maxNines;
    private final int minDecade;
    private final int maxDecade;

    private PercentilePlot(List<Curve> curves) {
        double nines = MIN_NINES;
        double low = Double.MAX_VALUE;
        double high = 0;
        for (Curve curve : curves) {
            for (Point point : plotted(curve)) {
                nines = Math.max(nines, nines(point.percentile()));
                if (point.valueUs() > 0) {
                    low = Math.min(low, point.valueUs());
                }
                high = Math.max(high, point.valueUs());
            }
        }
        this.maxNines = Math.ceil(nines);
        this.minDecade = low == Double.MAX_VALUE ? 0 : (int) Math.floor(Math.log10(low));
        this.maxDecade = Math.max(minDecade + 1, (int) Math.ceil(Math.log10(Math.max(high, 1e-3))));
    }

    /**
     * The plot of {@code curves} under {@code title}, as a standalone SVG document: one {@code polyline} per
     * curve, in order, each with its label as its {@code title} and in the legend.
     */
    public static String svg(String title, List<Curve> curves) {
        return svg(title, "", curves);
    }

    /**
     * {@link #svg(String, List)} with a note under the title (e.g. how loaded the machine was); p50, p99 and
     * p99.9 are marked on every curve with their values.
     */
    public static String svg(String title, String note, List<Curve> curves) {
        return new PercentilePlot(curves).render(title, note, curves);
    }

    private String render(String title, String note, List<Curve> curves) {
        int height = LEGEND_TOP + curves.size() * LEGEND_LINE;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"15\">%s</text>\n", LEFT, TOP - 20,
                escape(title)));
        if (!note.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#555\">%s</text>\n",
                    LEFT, TOP - 5, escape(note)));
        }
        axes(svg);
        for (int i = 0; i < curves.size(); i++) {
            line(svg, curves.get(i), COLOURS[i % COLOURS.length], i);
        }
        return svg.append("</svg>\n").toString();
    }

    private void axes(StringBuilder svg) {
        for (int decade = minDecade; decade <= maxDecade; decade++) {
            double y = y(Math.pow(10, decade));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
                    LEFT, y, RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                    LEFT - 6, y + 4, escape(Latency.format(Math.pow(10, decade)))));
        }
        percentileTick(svg, 0, "0%");
        percentileTick(svg, nines(0.5), "50%");
        for (int nines = 1; nines <= maxNines; nines++) {
            percentileTick(svg, nines, percentileLabel(nines));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#444\"/>\n", LEFT, TOP, PLOT_WIDTH, PLOT_HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>\n",
                LEFT + PLOT_WIDTH / 2, BOTTOM + 42));
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 %d)\">latency from intended send time</text>\n",
                TOP + PLOT_HEIGHT / 2, TOP + PLOT_HEIGHT / 2));
    }

    /** A vertical grid line at {@code nines} with its label under the axis. */
    private void percentileTick(StringBuilder svg, double nines, String label) {
        double x = x(nines);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>\n",
                x, TOP, x, BOTTOM));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                x, BOTTOM + 18, label));
    }

    private void line(StringBuilder svg, Curve curve, String colour, int index) {
        StringBuilder points = new StringBuilder();
        for (Point point : plotted(curve)) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(nines(point.percentile())), y(point.valueUs())));
        }
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\" "
                + "points=\"%s\"><title>%s</title></polyline>\n", colour, points.toString().strip(), escape(curve.label())));
        for (double marked : MARKED) {
            plotted(curve).stream().filter(p -> p.percentile() >= marked).findFirst().ifPresent(p -> mark(svg, marked, p, colour));
        }
        int y = LEGEND_TOP + index * LEGEND_LINE;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                + "stroke-width=\"3\"/>\n", LEFT, y, LEFT + 24, y, colour));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>\n", LEFT + 32, y + 4,
                escape(curve.label())));
    }

    /** A dot on the curve at {@code percentile} and its value beside it, e.g. {@code p99 1.2 ms}. */
    private void mark(StringBuilder svg, double percentile, Point at, String colour) {
        double x = x(nines(percentile));
        double y = y(at.valueUs());
        String label = (percentile == 0.5 ? "p50" : percentile == 0.99 ? "p99" : "p99.9") + " " + Latency.format(at.valueUs());
        svg.append(String.format(Locale.ROOT, "<circle class=\"marker\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n",
                x, y, colour));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"%s\">%s</text>\n",
                x + 5, y - 5, colour, escape(label)));
    }

    /** The steps with a finite {@code 1/(1-p)}. */
    private static List<Point> plotted(Curve curve) {
        return curve.points().stream().filter(p -> p.percentile() < 1.0).toList();
    }

    /** log10(1/(1-p)): 0 at 0%, 1 at 90%, 2 at 99%, ... */
    private static double nines(double percentile) {
        return Math.log10(1.0 / (1.0 - percentile));
    }

    private double x(double nines) {
        return LEFT + nines / maxNines * PLOT_WIDTH;
    }

    private double y(double micros) {
        // Values below the lowest decade (a zero) sit on the bottom edge rather than off the chart.
        double decade = Math.max(minDecade, Math.log10(Math.max(micros, Double.MIN_NORMAL)));
        return BOTTOM - (decade - minDecade) / (maxDecade - minDecade) * PLOT_HEIGHT;
    }

    /** 90%, 99%, 99.9%, ... for 1, 2, 3, ... nines. */
    private static String percentileLabel(int nines) {
        return switch (nines) {
            case 1 -> "90%";
            case 2 -> "99%";
            default -> "99." + "9".repeat(nines - 2) + "%";
        };
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
