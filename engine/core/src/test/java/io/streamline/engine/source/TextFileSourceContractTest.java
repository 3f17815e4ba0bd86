package io.streamline.engine.source;

import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** The source contract for {@code text} files: one key per line. */
class TextFileSourceContractTest extends FileSourceContract<String> {
    @Override
    protected String format() {
        return "text";
    }

    @Override
    protected String file(long from, long to) {
        return LongStream.range(from, to).mapToObj(Long::toString).collect(Collectors.joining("\n", "", "\n"));
    }

    @Override
    protected long keyOf(String record) {
        return Long.parseLong(record);
    }
}
