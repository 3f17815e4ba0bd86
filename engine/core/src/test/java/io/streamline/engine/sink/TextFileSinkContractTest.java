package io.streamline.engine.sink;

/** The sink contract for {@code text} files. */
class TextFileSinkContractTest extends FileSinkContract {
    @Override
    protected String format() {
        return "text";
    }

    @Override
    protected Long keyOf(String line) {
        return Long.parseLong(line);
    }
}
