package io.streamline.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The JVM flags the engine needs on Java 17: Chronicle Queue maps its files and reads and writes memory directly,
 * and Agrona uses {@code jdk.internal.misc.Unsafe}, so some packages of {@code java.base} and
 * {@code jdk.unsupported} must be opened or exported to the class path, plus three system properties that keep
 * Chronicle from phoning home, printing a banner and starting a disk-monitor thread.
 *
 * <p>The flags are a java {@code @argfile} shipped inside the engine jar as the resource {@value #RESOURCE} (a
 * copy of the project's {@code tuning/jvm/module.flags}). To get them out:
 * <pre>
 * java -cp streamline-engine-VERSION.jar io.streamline.engine.ModuleFlags &gt; module.flags   # then: java @module.flags ...
 * java -cp streamline-engine-VERSION.jar io.streamline.engine.ModuleFlags --manifest       # Add-Opens/Add-Exports lines
 * </pre>
 * A runnable jar ({@code java -jar}) may carry the opens and exports in its manifest instead of on the command line.
 *
 * <p>{@link StreamEngine} checks the opens and exports when it is created ({@link #requireOpened()}), so a JVM
 * started without them fails there with one message naming them, rather than deep inside Chronicle.
 */
public final class ModuleFlags {
    /** Where the argfile is inside the engine jar. */
    public static final String RESOURCE = "jvm/module.flags";

    private static final String OPENS = "--add-opens=";
    private static final String EXPORTS = "--add-exports=";
    private static final String PROPERTY = "-D";

    private ModuleFlags() {
    }

    /** The argfile's lines, one flag each, as shipped in the engine jar. */
    public static List<String> lines() {
        try (InputStream in = ModuleFlags.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The engine jar lacks its resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the resource " + RESOURCE, e);
        }
    }

    /**
     * The manifest attributes that give a runnable jar the same opens and exports: {@code Add-Opens} and
     * {@code Add-Exports}, each a space-separated list of {@code module/package}. (The system properties have no
     * manifest form; the engine sets them itself when they are absent, see {@link #requireOpened()}.)
     */
    public static String manifestAttributes() {
        return "Add-Opens: " + modulePackages(OPENS) + "\nAdd-Exports: " + modulePackages(EXPORTS) + "\n";
    }

    private static String modulePackages(String kind) {
        return lines().stream().filter(l -> l.startsWith(kind)).map(l -> target(l, kind))
                .collect(Collectors.joining(" "));
    }

    /** {@code java.base/java.lang} out of {@code --add-opens=java.base/java.lang=ALL-UNNAMED}. */
    private static String target(String flag, String kind) {
        String rest = flag.substring(kind.length());
        int to = rest.indexOf('=');
        return to < 0 ? rest : rest.substring(0, to);
    }

    /**
     * Fails unless every package the flags open or export is open or exported to the engine's module, naming the
     * missing flags and where they are documented. Also sets the flags' system properties that are not set yet,
     * before Chronicle reads them.
     *
     * @throws IllegalStateException if flags are missing
     */
    public static void requireOpened() {
        Module engine = ModuleFlags.class.getModule();
        List<String> missing = new ArrayList<>();
        for (String flag : lines()) {
            if (flag.startsWith(OPENS) || flag.startsWith(EXPORTS)) {
                boolean opens = flag.startsWith(OPENS);
                String[] modulePackage = target(flag, opens ? OPENS : EXPORTS).split("/", 2);
                Optional<Module> module = ModuleLayer.boot().findModule(modulePackage[0]);
                boolean granted = module.isPresent() && (opens
                        ? module.get().isOpen(modulePackage[1], engine)
                        : module.get().isExported(modulePackage[1], engine));
                if (!granted) {
                    missing.add(flag);
                }
            } else if (flag.startsWith(PROPERTY) && flag.contains("=")) {
                String[] property = flag.substring(PROPERTY.length()).split("=", 2);
                if (System.getProperty(property[0]) == null) {
                    System.setProperty(property[0], property[1]);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The JVM was started without the module flags the engine needs on Java "
                    + Runtime.version().feature() + " (Chronicle Queue and Agrona reach into JDK internals); missing: "
                    + String.join(" ", missing) + ". Start java with the argfile of all of them, @module.flags: it is"
                    + " tuning/jvm/module.flags in the source tree and the resource " + RESOURCE + " of the"
                    + " streamline-engine jar (java -cp streamline-engine.jar io.streamline.engine.ModuleFlags > module.flags)."
                    + " The README's section \"JVM flags\" shows them for Maven (Surefire argLine, exec:java), java and"
                    + " runnable jars (Add-Opens/Add-Exports manifest entries).");
        }
    }

    /**
     * Prints the argfile (no arguments), or with {@code --manifest [FILE]} the manifest attributes, to standard
     * output or into {@code FILE}; the build uses the latter for its runnable jars.
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.out.print(String.join("\n", lines()) + "\n");
        } else if (args[0].equals("--manifest") && args.length <= 2) {
            if (args.length == 2) {
                Path file = Path.of(args[1]);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, manifestAttributes());
            } else {
                System.out.print(manifestAttributes());
            }
        } else {
            boolean help = args[0].equals("--help") || args[0].equals("-h");
            (help ? System.out : System.err).println(
                    "usage: java -cp streamline-engine.jar io.streamline.engine.ModuleFlags [--manifest [FILE]]");
            System.exit(help ? 0 : 2);
        }
    }
}
