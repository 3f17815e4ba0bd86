package io.streamline.tuning.console;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Progress of a long-running command (the bench, the tuner, the longer examples) on standard output: on a
 * terminal, a live status line at the bottom that the command's other lines scroll above; elsewhere (CI, a
 * file, a pipe), the status as a plain line now and then, with no control characters. Whether standard output
 * is a terminal is JLine's call, as is how to redraw a line on it. Thread-safe: lines may come from any thread.
 */
public abstract class CommandProgress implements AutoCloseable {
    /** How often a plain status line is printed when the output is not a terminal. */
    public static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

    /**
     * Progress on standard output: {@link TerminalProgress} if it is a terminal, else {@link PlainProgress}
     * every {@link #PLAIN_INTERVAL}.
     */
    public static CommandProgress onStandardOutput() {
        Terminal terminal = systemTerminal();
        if (terminal == null) {
            return new PlainProgress(System.out, PLAIN_INTERVAL, System::nanoTime);
        }
        return new TerminalProgress(terminal);
    }

    /** The system terminal if standard output is one, else {@code null}. */
    private static Terminal systemTerminal() {
        try {
            // No signal handlers of JLine's: Ctrl-C must still run the commands' shutdown hooks.
            Terminal terminal = TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysOut)
                    .nativeSignals(false).signalHandler(Terminal.SignalHandler.SIG_DFL).dumb(true).build();
            if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
                terminal.close();
                return null;
            }
            return terminal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect standard output", e);
        }
    }

    /** Shows where the command is now (on a terminal at once; plainly when a line is due). */
    public abstract void status(Status status);

    /** Prints a line of the command's own output (above the status line on a terminal). */
    public abstract void line(String text);

    /** Ends the progress display (on a terminal, the status line is cleared). */
    @Override
    public abstract void close();

    /** A stream whose lines go to {@link #line(String)}, for code that prints to a {@code PrintStream}. */
    public PrintStream lines() {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                if (b == '\n') {
                    line(pending.toString(StandardCharsets.UTF_8));
                    pending.reset();
                } else {
                    pending.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
