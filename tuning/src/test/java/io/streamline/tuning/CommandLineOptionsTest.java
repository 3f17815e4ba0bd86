package io.streamline.tuning;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineOptionsTest {
    private static final Set<String> ACCEPTED = Set.of("rate", "out");

    @Test
    void shouldReadAcceptedOptionsAndFallBackToDefaults() {
        CommandLineOptions options = new CommandLineOptions(new String[]{"--rate", "5000"}, ACCEPTED);
        assertThat(options.longValue("rate", 1)).isEqualTo(5000);
        assertThat(options.string("out")).isEmpty();
    }

    @Test
    void shouldRejectAMisspeltOptionNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> new CommandLineOptions(new String[]{"--rat", "5000"}, ACCEPTED))
                .hasMessage("unknown option --rat; accepted: --out, --rate");
        assertThatThrownBy(() -> new CommandLineOptions(new String[]{"--rate"}, ACCEPTED))
                .hasMessage("expected --name value pairs, got '--rate'");
        assertThatThrownBy(() -> new CommandLineOptions(new String[]{"--rate", "fast"}, ACCEPTED).longValue("rate", 1))
                .hasMessage("--rate must be a whole number, got 'fast'");
    }

    /** A command's main: usage on --help with status 0, the error and usage with status 2 on a typo. */
    @Test
    void shouldEndACommandWithItsUsage() throws Exception {
        Result help = runTuner("--help");
        assertThat(help.status).isZero();
        assertThat(help.stdout).startsWith("usage: tuning/tune.sh");

        Result typo = runTuner("--rat", "5000");
        assertThat(typo.status).isEqualTo(2);
        assertThat(typo.stderr).contains("unknown option --rat; accepted: --out, --rate, --seconds, --warmup")
                .contains("usage: tuning/tune.sh");
    }

    private record Result(int status, String stdout, String stderr) {
    }

    private static Result runTuner(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                AutoTuner.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command ends").isTrue();
        return new Result(process.exitValue(), stdout, stderr);
    }
}
