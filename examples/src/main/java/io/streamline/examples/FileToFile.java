package io.streamline.examples;

import io.streamline.engine.StreamEngine;
import io.streamline.tuning.CommandLineOptions;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.sink.FileSink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file source and the file sink: watches a directory for JSON-lines files, keeps the readings above a
 * threshold, and writes them as CSV files, one per epoch, listed in the output's {@code _streamline_metadata}.
 * Writes a few input files itself (staged, then moved in atomically: the convention for files still being
 * written), waits until they are processed ({@code processAllAvailable()}), prints the committed output and stops.
 *
 * <p>Options: {@code --dir D} (default: a new temporary directory holding {@code in/}, {@code out/} and the
 * checkpoint, deleted at the end).
 */
public final class FileToFile {
    private FileToFile() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions a = CommandLineOptions.parseOrExit(args,
                "usage: examples/run.sh FileToFile [--dir DIR]", "dir");
        Examples.announce(FileToFile.class);
        try (WorkDir work = WorkDir.of(a.string("dir"), "file-to-file-")) {
            run(work.path());
        }
    }

    private static void run(Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path out = dir.resolve("out");

        StreamEngine engine = StreamEngine.create();
        StreamingQuery query = engine.readStream().json(in.toString())
                .filter(reading -> ((Number) reading.get("celsius")).doubleValue() > 30)
                .writeStream().format("csv").option("path", out.toString())
                .option("checkpointLocation", dir.resolve("checkpoint").toString())
                .trigger(Trigger.continuous("200 ms")).start();

        for (int f = 0; f < 3; f++) {
            Path staged = dir.resolve(".staging-" + f);
            Files.writeString(staged, "{\"sensor\":\"s" + f + "\",\"celsius\":" + (25 + 5 * f) + "}\n"
                    + "{\"sensor\":\"t" + f + "\",\"celsius\":" + (31 + f) + "}\n");
            Files.move(staged, in.resolve("readings-" + f + ".json"), StandardCopyOption.ATOMIC_MOVE);
        }
        query.processAllAvailable(); // every file moved in so far is read, and its epoch committed
        query.stop();
        System.out.println("Committed CSV output in " + out + ":");
        FileSink.committedLines(out).forEach(System.out::println);
    }
}
