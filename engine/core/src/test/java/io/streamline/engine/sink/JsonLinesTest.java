package io.streamline.engine.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.engine.KeyValue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The file sink's JSON lines: what Jackson writes for each row, without the per-row garbage. */
class JsonLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Reading(String sensor, double value, List<Integer> flags) {
    }

    @Test
    void writesEachRowAsJacksonWouldWithScalarsWrappedAsValue() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", List.of("x", "y"));
        List<Object> rows = Arrays.asList(new KeyValue<>("k", 3L), new Reading("s1", 2.5, List.of(1, 2)), map, "text \"quoted\"",
                42, 7L, 1.25, true, 'c', null, new StringBuilder("built"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLines lines = new JsonLines(out);
        for (Object row : rows) {
            lines.write(row);
        }
        lines.flush();

        List<String> expected = new ArrayList<>();
        for (Object row : rows) {
            boolean scalar = row == null || row instanceof CharSequence || row instanceof Number || row instanceof Boolean
                    || row instanceof Character;
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put("value", row instanceof Character || row instanceof StringBuilder ? row.toString() : row);
            expected.add(JSON.writeValueAsString(scalar ? wrapped : row));
        }
        assertThat(out.toString(StandardCharsets.UTF_8).split("\n", -1))
                .containsExactlyElementsOf(concat(expected, ""));
    }

    @Test
    void aRowCostsAlmostNoAllocation() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        OutputStream sink = OutputStream.nullOutputStream();
        JsonLines lines = new JsonLines(sink);
        List<KeyValue<Integer, Long>> rows = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            rows.add(new KeyValue<>(i, (long) i * 7));
        }
        for (int warm = 0; warm < 200; warm++) { // let the JIT compile the path first
            for (KeyValue<Integer, Long> row : rows) {
                lines.write(row);
            }
        }
        long id = Thread.currentThread().getId();
        int n = 100 * rows.size();
        long before = threads.getThreadAllocatedBytes(id);
        for (int r = 0; r < 100; r++) {
            for (KeyValue<Integer, Long> row : rows) {
                lines.write(row);
            }
        }
        long perRow = (threads.getThreadAllocatedBytes(id) - before) / n;
        // writeValueAsString per row, with its String and byte array, cost several hundred bytes
        assertThat(perRow).as("bytes allocated per row").isLessThan(16);
    }

    private static List<String> concat(List<String> lines, String last) {
        List<String> all = new ArrayList<>(lines);
        all.add(last);
        return all;
    }
}
