package io.streamline.engine.disk;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The facts a child JVM reports to its test: {@code name: value} lines on its output, read back by name. */
final class ChildReport {
    /** Printed last: the report is complete. */
    static final String DONE = "REPORT DONE";

    private ChildReport() {
    }

    /** Prints one fact. */
    static void print(String name, Object value) {
        System.out.println(name + ": " + value);
    }

    /** Ends the report. */
    static void done() {
        System.out.println(DONE);
        System.out.flush();
    }

    /** The value of fact {@code name} in a child's output; fails if the child did not report it. */
    static String value(String output, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + ": (.*)$", Pattern.MULTILINE).matcher(output);
        if (!m.find()) {
            throw new AssertionError("the child did not report '" + name + "':\n" + output);
        }
        return m.group(1);
    }

    /** The failure and its causes on one line, outermost first. */
    static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(sb.length() == 0 ? "" : " <- ").append(c.getClass().getName()).append(": ").append(c.getMessage());
        }
        return sb.toString();
    }
}
