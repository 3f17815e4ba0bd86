package io.streamline.tuning.console;

import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The live status line on a terminal: redrawn in place with the terminal's own carriage-return and
 * clear-to-end-of-line capabilities (from terminfo, through JLine), cut to the terminal's width so it never
 * wraps, and moved down whenever the command prints a line of its own.
 */
final class TerminalProgress extends CommandProgress {
    private final Terminal terminal;
    private final PrintWriter out;
    private String shown = "";

    TerminalProgress(Terminal terminal) {
        this.terminal = terminal;
        this.out = terminal.writer();
    }

    @Override
    public synchronized void status(Status status) {
        int width = terminal.getWidth() > 0 ? terminal.getWidth() : 80;
        shown = status.render(true, width - 1);
        redraw();
    }

    @Override
    public synchronized void line(String text) {
        clear();
        out.println(text);
        redraw();
    }

    private void clear() {
        terminal.puts(Capability.carriage_return);
        terminal.puts(Capability.clr_eol);
    }

    private void redraw() {
        clear();
        out.print(shown);
        out.flush();
    }

    @Override
    public synchronized void close() {
        clear();
        out.flush();
        try {
            terminal.close();
        } catch (IOException e) {
            // the command is over; nothing is lost if the terminal does not close cleanly
        }
    }
}
