package io.streamline.tuning.console;

import io.streamline.engine.ChildJvm;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CommandProgressTest {
    /** xterm's carriage return and clear-to-end-of-line, as its terminfo entry has them. */
    private static final String REDRAW = "\r\u001b[K";

    @TempDir
    Path dir;

    @Test
    void shouldRenderElapsedTotalBarRateAndP99() {
        Status status = new Status("measured", Duration.ofMillis(12_400), Duration.ofSeconds(20), 100_012.4, 0.44);

        assertThat(status.render(true, 200)).isEqualTo("measured  12/20 s  [############........]  100,012 rec/s  p99 0.4 µs");
        assertThat(status.render(false, 200)).isEqualTo("measured  12/20 s  100,012 rec/s  p99 0.4 µs");
        assertThat(status.render(false, 12)).isEqualTo("measured  12");
        assertThat(Status.of("warm-up", Duration.ofSeconds(3), Duration.ofSeconds(10)).render(false, 80)).isEqualTo("warm-up  3/10 s");
    }

    @Test
    void shouldRedrawOneLineInPlaceOnATerminal() throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal xterm = TerminalBuilder.builder().system(false).type("xterm").size(new Size(100, 24))
                .streams(new ByteArrayInputStream(new byte[0]), screen).build();
        try (CommandProgress progress = new TerminalProgress(xterm)) {
            progress.status(new Status("warm-up", Duration.ofSeconds(1), Duration.ofSeconds(10), Double.NaN, Double.NaN));
            progress.status(new Status("warm-up", Duration.ofSeconds(2), Duration.ofSeconds(10), Double.NaN, Double.NaN));
            progress.line("== continuous stateless");
            progress.status(new Status("measured", Duration.ofSeconds(1), Duration.ofSeconds(20), 99_000, 1.5));
        }
        String shown = screen.toString(StandardCharsets.UTF_8);

        // The terminal's own output processing turns the line's \n into \r\n, as a tty does.
        assertThat(shown).isEqualTo(REDRAW + "warm-up  1/10 s  [##..................]"
                + REDRAW + "warm-up  2/10 s  [####................]"
                + REDRAW + "== continuous stateless\r\n" + REDRAW + "warm-up  2/10 s  [####................]"
                + REDRAW + "measured  1/20 s  [#...................]  99,000 rec/s  p99 1.5 µs"
                + REDRAW);
    }

    @Test
    void shouldCutTheStatusToTheTerminalsWidth() throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal narrow = TerminalBuilder.builder().system(false).type("xterm").size(new Size(30, 24))
                .streams(new ByteArrayInputStream(new byte[0]), screen).build();
        try (CommandProgress progress = new TerminalProgress(narrow)) {
            progress.status(new Status("measured", Duration.ofSeconds(1), Duration.ofSeconds(20), 99_000, 1.5));
        }
        assertThat(screen.toString(StandardCharsets.UTF_8)).isEqualTo(REDRAW + "measured  1/20 s  [#........." + REDRAW); // 29 columns: one is left free
    }

    @Test
    void shouldPrintPlainStatusLinesAtMostOncePerInterval() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        try (CommandProgress progress = new PlainProgress(new PrintStream(log, true, StandardCharsets.UTF_8),
                Duration.ofSeconds(5), now::get)) {
            for (int second = 0; second <= 12; second++) {
                now.set(TimeUnit.SECONDS.toNanos(second));
                progress.status(Status.of("measured", Duration.ofSeconds(second), Duration.ofSeconds(12)));
                if (second == 7) {
                    progress.line("a line of the command's own");
                }
            }
        }
        assertThat(log.toString(StandardCharsets.UTF_8).lines()).containsExactly("measured  0/12 s", "measured  5/12 s",
                "a line of the command's own", "measured  10/12 s");
    }

    @Test
    void shouldPrintPlainLinesWhenStandardOutputIsNotATerminal() throws Exception {
        Path log = dir.resolve("piped.log");
        try (ChildJvm child = ChildJvm.start(ProgressDemo.class, log)) {
            child.await("the demo ends", Duration.ofSeconds(60), () -> !child.isAlive());
            assertThat(child.exitValue()).as(child.tail()).isZero();
        }
        String output = Files.readString(log);
        assertThat(output).doesNotContain("\u001b").doesNotContain("\r");
        assertThat(output.lines().filter(l -> !l.startsWith("[")).collect(Collectors.toList()))
                .containsSubsequence("begin", "demo  0/3 s  1,234 rec/s  p99 5.5 µs", "a printed line", "end");
    }

    @Test
    void shouldDrawALiveLineWhenStandardOutputIsATerminal() throws Exception {
        // script(1) (util-linux, on every Debian) runs the command on a pseudo-terminal of its own.
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + System.getProperty("streamline.module.flags"), "-cp", System.getProperty("java.class.path"),
                ProgressDemo.class.getName()));
        String command = java.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        Path log = dir.resolve("terminal.log");
        Process script = new ProcessBuilder("script", "-qfec", command, "/dev/null")
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        script.getOutputStream().close();
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).as("the command under script(1) ended").isTrue();
        String screen = Files.readString(log);

        assertThat(script.exitValue()).as(screen).isZero();
        assertThat(screen).contains("demo  3/3 s  [####################]  1,234 rec/s  p99 5.5 µs")
                .contains("\u001b[K").contains("\r").contains("a printed line").contains("end");
    }
}
