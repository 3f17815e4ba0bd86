package io.streamline.bench.plot;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The SVG percentile plot: its curves come from the histograms' steps and are drawn point by point. */
class PercentilePlotTest {
    /** The plot area of the SVG, in its pixels. */
    private static final double LEFT = 80;
    private static final double RIGHT = 920;
    private static final double TOP = 50;
    private static final double BOTTOM = 470;

    @Test
    void aHistogramsCurveHasTheStepsOfItsHgrmFileInMicroseconds() {
        Histogram nanos = histogram(1_000, 1_000); // 1 .. 1,000 µs

        PercentilePlot.Curve curve = PercentilePlot.Curve.of("run", nanos);

        ByteArrayOutputStream hgrm = new ByteArrayOutputStream();
        nanos.outputPercentileDistribution(new PrintStream(hgrm, true, StandardCharsets.UTF_8), 1000.0);
        long steps = hgrm.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.matches("\\s*[0-9.]+\\s+[0-9.]+\\s+\\d+.*")).count();
        assertThat(curve.points()).hasSize((int) steps).hasSizeGreaterThan(20);
        assertThat(curve.points().get(0).valueUs()).isCloseTo(1.0, within(0.01));
        assertThat(curve.points().get(curve.points().size() - 1).percentile()).isEqualTo(1.0);
        assertThat(curve.points().get(curve.points().size() - 1).valueUs()).isCloseTo(1_000.0, within(1.0));
        PercentilePlot.Point median = curve.points().stream().filter(p -> p.percentile() >= 0.5).findFirst().orElseThrow();
        assertThat(median.valueUs()).isCloseTo(500.0, within(1.0));
    }

    @Test
    void drawsEveryCurveThroughAllItsFiniteStepsLeftToRightAndUpwards() throws Exception {
        PercentilePlot.Curve fast = PercentilePlot.Curve.of("fast <1>", histogram(100, 1_000)); // 0.1 .. 100 µs
        PercentilePlot.Curve slow = PercentilePlot.Curve.of("slow & 2", histogram(1_000_000, 100)); // 1 .. 100 ms

        String svg = PercentilePlot.svg("two \"runs\"", List.of(fast, slow));
        Document document = parse(svg);

        NodeList lines = document.getElementsByTagName("polyline");
        assertThat(lines.getLength()).isEqualTo(2);
        List<PercentilePlot.Curve> curves = List.of(fast, slow);
        for (int i = 0; i < curves.size(); i++) {
            Element line = (Element) lines.item(i);
            PercentilePlot.Curve curve = curves.get(i);
            assertThat(line.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(curve.label());
            List<double[]> points = points(line.getAttribute("points"));
            long finite = curve.points().stream().filter(p -> p.percentile() < 1.0).count();
            assertThat(points).as("one vertex per step but the last (100%%)").hasSize((int) finite);
            for (int k = 0; k < points.size(); k++) {
                double[] point = points.get(k);
                assertThat(point[0]).isBetween(LEFT, RIGHT);
                assertThat(point[1]).isBetween(TOP, BOTTOM);
                if (k > 0) {
                    assertThat(point[0]).as("x grows with the percentile").isGreaterThan(points.get(k - 1)[0]);
                    assertThat(point[1]).as("latency never falls (y grows downwards)")
                            .isLessThanOrEqualTo(points.get(k - 1)[1]);
                }
            }
        }
        // The slow curve lies above the fast one: its median is higher on the page (smaller y).
        assertThat(points(((Element) lines.item(1)).getAttribute("points")).get(0)[1])
                .isLessThan(points(((Element) lines.item(0)).getAttribute("points")).get(0)[1]);

        List<String> texts = texts(document);
        assertThat(texts).contains("two \"runs\"", "fast <1>", "slow & 2", "0%", "50%", "90%", "99%", "99.9%", "1 µs",
                "1 ms", "100 ms", "percentile");
    }

    @Test
    void aCurveWithoutStepsStillHasItsLineAndLegend() throws Exception {
        Document document = parse(PercentilePlot.svg("nothing measured",
                List.of(PercentilePlot.Curve.of("empty", new Histogram(3)))));

        assertThat(document.getElementsByTagName("polyline").getLength()).isEqualTo(1);
        assertThat(texts(document)).contains("empty");
    }

    @Test
    void latenciesAreShownWithThreeDigitsInTheirUnit() {
        assertThat(Latency.format(0.356)).isEqualTo("0.356 µs");
        assertThat(Latency.format(87.24)).isEqualTo("87.2 µs");
        assertThat(Latency.format(9_720)).isEqualTo("9.72 ms");
        assertThat(Latency.format(365_000)).isEqualTo("365 ms");
        assertThat(Latency.format(1_108_000)).isEqualTo("1.11 s");
    }

    /** Values {@code unit, 2 unit, ..., count unit} nanoseconds. */
    private static Histogram histogram(long unitNanos, int count) {
        Histogram nanos = new Histogram(3);
        for (int i = 1; i <= count; i++) {
            nanos.recordValue(i * unitNanos);
        }
        return nanos;
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code "x,y x,y ..."} as pairs. */
    private static List<double[]> points(String attribute) {
        List<double[]> points = new ArrayList<>();
        for (String pair : attribute.trim().split("\\s+")) {
            String[] xy = pair.split(",");
            points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return points;
    }

    private static List<String> texts(Document document) {
        NodeList texts = document.getElementsByTagName("text");
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            contents.add(texts.item(i).getTextContent());
        }
        return contents;
    }
}
