package io.streamline.ui;

/** What the page reads out of a physical plan's text ({@code StreamingQuery.explainString()}). */
final class PlanText {
    private static final String HEADER = "== Physical Plan (";
    private static final String TRIGGER = "Trigger: ";

    private PlanText() {
    }

    /**
     * The mode from the plan's header and the text of its {@code Trigger:} line up to the first {@code ;}, e.g.
     * {@code continuous: epoch every 100 ms}; the whole first line if the plan has no such line.
     */
    static String trigger(String plan) {
        String mode = null;
        String trigger = null;
        for (String line : plan.split("\n")) {
            if (line.startsWith(HEADER) && line.indexOf(')') > HEADER.length()) {
                mode = line.substring(HEADER.length(), line.indexOf(')'));
            } else if (line.startsWith(TRIGGER) && trigger == null) {
                int end = line.indexOf(';');
                trigger = line.substring(TRIGGER.length(), end < 0 ? line.length() : end).strip();
            }
        }
        if (trigger == null) {
            return plan.lines().findFirst().orElse("");
        }
        return mode == null ? trigger : mode + ": " + trigger;
    }
}
