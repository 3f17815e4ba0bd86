package io.streamline.examples;

import io.streamline.engine.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Use it in your application" program, taken from the README as it is, compiled against the
 * engine and run the way the README says (java with the module flags), printing what the README says it prints.
 */
class ReadmeProgramTest {
    /** The project root: the module-flags file Surefire names is {@code <root>/tuning/jvm/module.flags}. */
    private static final Path FLAGS = Path.of(System.getProperty("streamline.module.flags"));
    private static final Path README = FLAGS.getParent().getParent().getParent().resolve("README.md");
    private static final Pattern PROGRAM = Pattern.compile("<!-- readme-program -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PRINTS = Pattern.compile("It prints `([^`]*)` and `([^`]*)`");

    @TempDir
    Path dir;

    @Test
    void shouldCompileAndRunTheReadmesProgramPrintingWhatTheReadmeSays() throws Exception {
        String readme = Files.readString(README);
        Matcher program = PROGRAM.matcher(readme);
        assertThat(program.find()).as("the README's program block").isTrue();
        Matcher prints = PRINTS.matcher(readme);
        assertThat(prints.find()).as("the README's claim of what it prints").isTrue();
        Path source = Files.writeString(dir.resolve("WordCount.java"), program.group(1));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, "-d", dir.toString(), "-cp", System.getProperty("java.class.path"),
                source.toString());
        assertThat(status).as(errors.toString()).isZero();

        try (ChildJvm child = ChildJvm.startJava(List.of("@" + FLAGS, "-cp",
                dir + File.pathSeparator + System.getProperty("java.class.path"), "WordCount"), dir.resolve("run.log"))) {
            child.await("WordCount ends", Duration.ofSeconds(60), () -> !child.isAlive());
            assertThat(child.exitValue()).as(child.output()).isZero();
            assertThat(child.output().lines()).containsSubsequence(prints.group(1), prints.group(2));
        }
    }
}
