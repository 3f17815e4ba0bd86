package io.streamline.examples;

import io.streamline.operators.dstream.StreamingContext;

/**
 * What the DStream socket examples share: their command line ({@code <host> <port>}, a checkpoint directory where the
 * example takes one, {@code [--seconds S]}) and their life: started, then stopped after the seconds or on Ctrl-C.
 */
final class DStreamSocketExample {
    /** A parsed command line; {@code checkpointDir} is null for an example without one. */
    record Args(String host, int port, String checkpointDir, long seconds) {
    }

    private DStreamSocketExample() {
    }

    /** The command line of {@code example}; prints the usage and exits on {@code --help} or a wrong argument count. */
    static Args parse(Class<?> example, String[] args, boolean withCheckpoint) {
        int positional = withCheckpoint ? 3 : 2;
        if (args.length != positional && !(args.length == positional + 2 && args[positional].equals("--seconds"))) {
            System.err.println("usage: examples/run.sh " + example.getSimpleName() + " <host> <port>"
                    + (withCheckpoint ? " <checkpointDir>" : "") + " [--seconds S]");
            System.exit(args.length > 0 && args[0].equals("--help") ? 0 : 2);
        }
        long seconds = args.length > positional ? Long.parseLong(args[positional + 1]) : 300;
        return new Args(args[0], Integer.parseInt(args[1]), withCheckpoint ? args[2] : null, seconds);
    }

    /** Starts {@code ssc} and lets it run for {@code seconds}, or until Ctrl-C, then stops it. */
    static void runFor(StreamingContext ssc, Class<?> example, long seconds) throws Exception {
        ssc.start();
        Runtime.getRuntime().addShutdownHook(new Thread(ssc::stop, example.getSimpleName() + "-stop"));
        if (!ssc.awaitTerminationOrTimeout(seconds * 1000)) {
            System.out.println(example.getSimpleName() + ": stopping after " + seconds + " s (--seconds)");
            ssc.stop();
        }
    }
}
