package io.streamline.engine.source;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the lines of one file into rows, for the file source's formats. A parser is used by one thread. */
abstract class RowParser {
    /** Starts a new file. */
    void startFile() {
    }

    /**
     * Parses one decoded line.
     *
     * @return the row, or {@code null} if the line holds none (a header, a blank line where blank lines mean nothing)
     * @throws IllegalArgumentException describing why the line is malformed
     */
    abstract Object parse(String line);

    /** A line that is skipped because it was read before a restart: keep what later lines need (a header). */
    void replay(String line) {
    }

    /** The row kept for a malformed line in mode PERMISSIVE. */
    abstract Object corrupt(String line);

    /** {@code text}: each line is a {@code String} row, blank ones included. */
    static final class Text extends RowParser {
        @Override
        Object parse(String line) {
            return line;
        }

        @Override
        Object corrupt(String line) {
            return line;
        }
    }

    /**
     * {@code csv}: each line is a {@code Map<String, String>} row in column order. With {@code header} the
     * first non-blank line of each file names the columns; without, they are {@code _c0, _c1, ...} and the
     * file's first row fixes their number. A line whose field count differs is malformed. Blank lines are skipped.
     */
    static final class Csv extends RowParser {
        private final boolean header;
        private final char sep;
        private final String corruptColumn;
        private List<String> columns;

        Csv(boolean header, char sep, String corruptColumn) {
            this.header = header;
            this.sep = sep;
            this.corruptColumn = corruptColumn;
        }

        @Override
        void startFile() {
            columns = null;
        }

        @Override
        Object parse(String line) {
            if (line.isBlank()) {
                return null;
            }
            List<String> fields = CsvLines.split(line, sep);
            if (columns == null) {
                if (header) {
                    columns = List.copyOf(fields);
                    return null;
                }
                columns = java.util.stream.IntStream.range(0, fields.size()).mapToObj(i -> "_c" + i).toList();
            }
            if (fields.size() != columns.size()) {
                throw new IllegalArgumentException("expected " + columns.size() + " fields " + columns + ", found " + fields.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                row.put(columns.get(i), fields.get(i));
            }
            return Collections.unmodifiableMap(row);
        }

        @Override
        void replay(String line) {
            if (columns == null && header && !line.isBlank()) {
                try {
                    columns = List.copyOf(CsvLines.split(line, sep));
                } catch (IllegalArgumentException e) {
                    columns = null; // a malformed header is reported when a row needs it
                }
            } else if (columns == null && !header && !line.isBlank()) {
                try {
                    parse(line);
                } catch (IllegalArgumentException ignored) {
                    // the row was dealt with before the restart
                }
            }
        }

        @Override
        Object corrupt(String line) {
            Map<String, String> row = new LinkedHashMap<>();
            if (columns != null) {
                columns.forEach(c -> row.put(c, null));
            }
            row.put(corruptColumn, line);
            return Collections.unmodifiableMap(row);
        }
    }

    /**
     * {@code json}: JSON lines, each a JSON object, read with Jackson into a {@code Map<String, Object>} (nested
     * objects as maps, arrays as lists). Anything else on a line (an array, a scalar, trailing text) is
     * malformed; blank lines are skipped.
     */
    static final class Json extends RowParser {
        private static final ObjectReader READER = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readerFor(LinkedHashMap.class);
        private final String corruptColumn;

        Json(String corruptColumn) {
            this.corruptColumn = corruptColumn;
        }

        @Override
        Object parse(String line) {
            if (line.isBlank()) {
                return null;
            }
            try {
                Map<String, Object> row = READER.readValue(line);
                if (row == null) {
                    throw new IllegalArgumentException("'null' is not a JSON object");
                }
                return row;
            } catch (java.io.IOException e) {
                String msg = e.getMessage();
                int cut = msg.indexOf('\n');
                throw new IllegalArgumentException("not a JSON object: " + (cut > 0 ? msg.substring(0, cut) : msg), e);
            }
        }

        @Override
        Object corrupt(String line) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(corruptColumn, line);
            return row;
        }
    }
}
