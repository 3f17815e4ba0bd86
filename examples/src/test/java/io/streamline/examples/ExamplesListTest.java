package io.streamline.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The list {@code examples/run.sh} prints and the README's table name every example, and nothing else. */
class ExamplesListTest {
    /** Every class of the examples' package that has a {@code main}, the list itself aside. */
    private static List<String> examplesWithAMain() throws IOException, URISyntaxException {
        Path classes = Path.of(Examples.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/streamline/examples");
        try (Stream<Path> files = Files.list(classes)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .map(f -> f.substring(0, f.length() - ".class".length())).filter(ExamplesListTest::hasMain)
                    .filter(name -> !name.equals("Examples")).sorted().toList();
        }
    }

    private static boolean hasMain(String simpleName) {
        try {
            Method main = Class.forName("io.streamline.examples." + simpleName).getMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers());
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void shouldListEveryExample() throws Exception {
        assertThat(Examples.ALL.stream().map(Examples.Example::name).sorted().toList()).isEqualTo(examplesWithAMain());

        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        Examples.print(new PrintStream(listed, true, StandardCharsets.UTF_8));
        for (Examples.Example example : Examples.ALL) {
            assertThat(listed.toString(StandardCharsets.UTF_8)).contains(example.name() + " ").contains(example.shows());
        }
    }

    @Test
    void shouldHaveARowInTheReadmesExamplesTable() throws IOException {
        Path root = Path.of(System.getProperty("streamline.module.flags")).getParent().getParent().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        for (Examples.Example example : Examples.ALL) {
            assertThat(readme).as("README row of " + example.name()).containsPattern("\\| `" + example.name() + "[ `]");
        }
    }
}
