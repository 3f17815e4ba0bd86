package io.streamline.engine.sink;

import io.streamline.engine.KeyValue;
import io.streamline.engine.OutputMode;
import io.streamline.engine.connector.SinkProvider;
import io.streamline.engine.connector.SinkContext;
import io.streamline.engine.config.Options;
import io.streamline.engine.operator.RecordMeta;

import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spark's {@code console} sink: at the end of every epoch (continuous, headed {@code Epoch: N}) or batch
 * (micro-batch, {@code Batch: N}) that produced rows, prints the first {@code numRows} rows as a table
 * ({@code truncate}: cut cells to 20 characters). Record types get one column per component, anything else a
 * single {@code value} column. Runs on its own thread, so printing never stalls the record path.
 *
 * <p>In {@code update} mode a continuous query emits every change of a key as it happens (a word's count as 3,
 * then 4, within one epoch), where Spark's micro-batches emit each changed key once. So that the table reads as
 * Spark's, this sink shows the latest {@link KeyValue} row of each key per epoch; {@code showEveryChange=true}
 * shows the full change stream instead.
 */
public final class ConsoleSink implements StreamSink<Object> {
    /** Options this sink accepts. */
    public static final Set<String> OPTIONS = Set.of("numRows", "truncate", "showEveryChange");
    private static final int TRUNCATE_AT = 20;

    private final int numRows;
    private final boolean truncate;
    private final boolean showEveryChange;
    private final PrintStream out;

    /**
     * @param numRows         rows shown per epoch
     * @param truncate        whether long cells are cut
     * @param showEveryChange in update mode, show every change of a key in the epoch rather than its latest row
     * @param out             where tables are printed
     */
    public ConsoleSink(int numRows, boolean truncate, boolean showEveryChange, PrintStream out) {
        this.numRows = numRows;
        this.truncate = truncate;
        this.showEveryChange = showEveryChange;
        this.out = out;
    }

    /** Builds the sink from string options, printing to {@link System#out}. */
    public static ConsoleSink fromOptions(Options options) {
        options.requireOnly(OPTIONS);
        return new ConsoleSink((int) options.positiveLong("numRows", 20), options.bool("truncate", true),
                options.bool("showEveryChange", false), System.out);
    }

    @Override
    public String format() {
        return "console";
    }

    @Override
    public String description() {
        return "ConsoleSink[numRows=" + numRows + ", truncate=" + truncate
                + (showEveryChange ? ", showEveryChange=true" : "") + "]";
    }

    @Override
    public boolean runsOnOwnThread() {
        return true;
    }

    @Override
    public boolean requiresCheckpointLocation() {
        return false;
    }

    @Override
    public SinkWriter<Object> open(SinkSetup setup) {
        String heading = setup.exactlyOnce() ? "Batch: " : "Epoch: "; // exactly once: micro-batch
        boolean latestPerKey = setup.outputMode() == OutputMode.UPDATE && !setup.exactlyOnce() && !showEveryChange;
        return new SinkWriter<>() {
            private final List<Object> shown = new ArrayList<>();
            /** Latest row of each key in the epoch, in the order keys first changed (update mode, latest rows). */
            private final Map<Object, Object> latest = new LinkedHashMap<>();
            private long total;

            @Override
            public void write(Object value, RecordMeta meta) {
                if (latestPerKey && value instanceof KeyValue<?, ?> kv) {
                    latest.put(kv.key(), value);
                    return;
                }
                if (shown.size() < numRows) {
                    shown.add(value);
                }
                total++;
            }

            @Override
            public EpochOutput prepare(long epoch) {
                for (Object row : latest.values()) {
                    if (shown.size() < numRows) {
                        shown.add(row);
                    }
                    total++;
                }
                if (total > 0) {
                    out.print(render(heading + epoch, shown, total));
                    out.flush();
                }
                latest.clear();
                shown.clear();
                total = 0;
                return EpochOutput.DONE;
            }
        };
    }

    /** The text Spark's console sink would print for one epoch or batch. */
    String render(String heading, List<Object> rows, long total) {
        List<String> header = columnsOf(rows.get(0));
        List<List<String>> cells = new ArrayList<>();
        for (Object row : rows) {
            cells.add(cellsOf(row));
        }
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : cells) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("-------------------------------------------\n");
        sb.append(heading).append('\n');
        sb.append("-------------------------------------------\n");
        String rule = rule(width);
        sb.append(rule);
        appendRow(sb, header, width);
        sb.append(rule);
        for (List<String> r : cells) {
            appendRow(sb, r, width);
        }
        sb.append(rule);
        if (total > rows.size()) {
            sb.append("only showing top ").append(rows.size()).append(" rows of ").append(total).append('\n');
        }
        sb.append('\n');
        return sb.toString();
    }

    private static List<String> columnsOf(Object row) {
        List<String> names = new ArrayList<>();
        if (row != null && row.getClass().isRecord()) {
            for (RecordComponent c : row.getClass().getRecordComponents()) {
                names.add(c.getName());
            }
        } else {
            names.add("value");
        }
        return names;
    }

    private List<String> cellsOf(Object row) {
        List<String> cells = new ArrayList<>();
        if (row != null && row.getClass().isRecord()) {
            for (RecordComponent c : row.getClass().getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    cells.add(cell(c.getAccessor().invoke(row)));
                } catch (ReflectiveOperationException e) {
                    cells.add("<" + e.getClass().getSimpleName() + ">");
                }
            }
        } else {
            cells.add(cell(row));
        }
        return cells;
    }

    private String cell(Object value) {
        String s = String.valueOf(value);
        return truncate && s.length() > TRUNCATE_AT ? s.substring(0, TRUNCATE_AT - 3) + "..." : s;
    }

    private static String rule(int[] width) {
        StringBuilder sb = new StringBuilder("+");
        for (int w : width) {
            sb.append("-".repeat(w)).append('+');
        }
        return sb.append('\n').toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] width) {
        sb.append('|');
        for (int c = 0; c < width.length; c++) {
            sb.append(" ".repeat(width[c] - cells.get(c).length())).append(cells.get(c)).append('|');
        }
        sb.append('\n');
    }

    /** Registers format {@code "console"} for {@code writeStream().format(...)}. */
    public static final class Provider implements SinkProvider {
        @Override
        public String format() {
            return "console";
        }

        @Override
        public StreamSink<?> create(Options options, SinkContext context) {
            return fromOptions(options);
        }
    }
}
