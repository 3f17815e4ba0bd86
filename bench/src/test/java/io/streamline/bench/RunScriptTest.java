package io.streamline.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench/run.sh --help} prints the usage and succeeds, without building anything. */
class RunScriptTest {
    /** The project root: the module-flags file Surefire names is {@code <root>/tuning/jvm/module.flags}. */
    private static final Path ROOT = Path.of(System.getProperty("streamline.module.flags")).getParent().getParent().getParent();

    @Test
    void shouldPrintTheUsageAndExitZeroOnHelp() throws Exception {
        for (String help : new String[]{"--help", "-h"}) {
            Process process = new ProcessBuilder("bash", ROOT.resolve("bench/run.sh").toString(), help)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output.stripTrailing()).isEqualTo(Usage.text()).contains("usage: bench/run.sh --mode")
                    .contains("bench/run.sh --startup");
        }
    }
}
