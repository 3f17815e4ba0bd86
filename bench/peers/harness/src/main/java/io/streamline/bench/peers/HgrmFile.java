package io.streamline.bench.peers;

import io.streamline.bench.plot.PercentilePlot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an HdrHistogram percentile distribution ({@code Histogram.outputPercentileDistribution}), the
 * {@code .hgrm} format both the engine's runner and the peer runners write: a header, one line per step
 * {@code value percentile totalCount 1/(1-percentile)}, and {@code #[...]} summary lines.
 */
public final class HgrmFile {
    private HgrmFile() {
    }

    /** The steps of {@code file} (values as written: the runners write µs), in file order (ascending percentile). */
    public static List<PercentilePlot.Point> read(Path file) throws IOException {
        List<PercentilePlot.Point> points = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("Value")) {
                continue;
            }
            String[] columns = trimmed.split("\\s+");
            try {
                points.add(new PercentilePlot.Point(Double.parseDouble(columns[0]), Double.parseDouble(columns[1])));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(file + ": not a percentile distribution line: '" + line + "'", e);
            }
        }
        if (points.isEmpty()) {
            throw new IOException(file + ": no percentile distribution lines");
        }
        return points;
    }
}
