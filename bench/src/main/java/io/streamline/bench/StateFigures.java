package io.streamline.bench;

/**
 * The stateful operators' state over a measured window, from the progress reports' {@code numRowsTotal} and
 * {@code memoryUsedBytes} summed over the operators: what a key (or key and window) costs, and whether the state
 * stays bounded (the watermark evicting as fast as records add) or grows.
 *
 * @param rows        state rows at the window's last committed epoch
 * @param maxRows     the most state rows at any committed epoch of the window
 * @param bytes       state bytes at the window's last committed epoch
 * @param bytesPerRow {@code bytes / rows}, 0 without state
 */
record StateFigures(long rows, long maxRows, long bytes, double bytesPerRow) {
    /** No stateful operator, or no epoch committed in the window. */
    static final StateFigures NONE = new StateFigures(0, 0, 0, 0);

    static StateFigures of(long rows, long maxRows, long bytes) {
        return new StateFigures(rows, maxRows, bytes, rows == 0 ? 0 : (double) bytes / rows);
    }
}
