package io.streamline.engine.source;

import java.util.ArrayList;
import java.util.List;

/**
 * One CSV record per line (RFC 4180 quoting: a field in double quotes may hold the separator, and {@code ""}
 * stands for a quote; a record cannot span lines). Shared by the CSV file source and the CSV file sink.
 */
public final class CsvLines {
    private CsvLines() {
    }

    /**
     * Splits a line into fields.
     *
     * @throws IllegalArgumentException if a quoted field is not closed, or a closing quote is followed by
     *                                  something other than the separator
     */
    public static List<String> split(String line, char sep) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            field.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                int start = i;
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("the quoted field starting at column " + (start + 1) + " is not closed");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < n && line.charAt(i) != sep) {
                    throw new IllegalArgumentException("unexpected character after the closing quote at column " + i);
                }
            } else {
                while (i < n && line.charAt(i) != sep) {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the separator
        }
    }

    /** Joins fields into a line, quoting those that hold the separator, a quote, a line break or edge spaces. */
    public static String join(List<?> fields, char sep) {
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < fields.size(); f++) {
            if (f > 0) {
                sb.append(sep);
            }
            Object v = fields.get(f);
            if (v == null) {
                continue; // null is an empty field
            }
            String s = v.toString();
            boolean quote = false;
            for (int i = 0; i < s.length() && !quote; i++) {
                char c = s.charAt(i);
                quote = c == sep || c == '"' || c == '\n' || c == '\r';
            }
            quote |= !s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ');
            if (quote) {
                sb.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(s);
            }
        }
        return sb.toString();
    }
}
