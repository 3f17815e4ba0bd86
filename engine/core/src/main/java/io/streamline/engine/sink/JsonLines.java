package io.streamline.engine.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes rows as JSON lines into one file's stream through a single reused generator and serializer provider, so
 * a row costs no {@code String}, no byte array, no wrapper map and no provider (the file sink's record path; the
 * encoding garbage was most of the 644 B per record that issue 9 measured). A string, number, boolean or character row is written as
 * {@code {"value": ...}}; anything else (maps, records, beans) as Jackson serializes it.
 */
final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonGenerator generator;
    /**
     * One serializer provider for the file's rows: {@code ObjectMapper.writeValue} makes one per call (for thread
     * safety this single-threaded writer does not need), which was most of what a row still cost.
     */
    private final SerializerProvider provider = JSON.getSerializerProviderInstance();
    private Class<?> lastClass;
    private JsonSerializer<Object> lastSerializer;

    /** @param out the file's (buffered) stream */
    JsonLines(OutputStream out) throws IOException {
        generator = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the sink closes the file, not the generator
        generator.setRootValueSeparator(null); // lines are separated by the newline after each row, nothing else
    }

    /** Writes one row and its newline into the generator's buffer. */
    void write(Object row) throws IOException {
        if (row == null || row instanceof CharSequence || row instanceof Number || row instanceof Boolean
                || row instanceof Character) {
            generator.writeStartObject();
            generator.writeFieldName("value");
            if (row == null) {
                generator.writeNull();
            } else if (row instanceof String s) {
                generator.writeString(s);
            } else if (row instanceof CharSequence || row instanceof Character) {
                generator.writeString(row.toString());
            } else if (row instanceof Boolean b) {
                generator.writeBoolean(b);
            } else {
                serialize(row);
            }
            generator.writeEndObject();
        } else {
            serialize(row);
        }
        generator.writeRaw('\n');
    }

    /** Serializes a non-null value with its class's serializer, looked up once per run of rows of one class. */
    private void serialize(Object value) throws IOException {
        Class<?> type = value.getClass();
        if (type != lastClass) {
            lastSerializer = provider.findTypedValueSerializer(type, true, null);
            lastClass = type;
        }
        lastSerializer.serialize(value, generator, provider);
    }

    /** Hands what the generator buffered to the file's stream (at the epoch's end). */
    void flush() throws IOException {
        generator.flush();
    }
}
