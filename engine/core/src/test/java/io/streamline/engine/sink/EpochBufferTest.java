package io.streamline.engine.sink;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The file sink's in-memory epoch: no file until the committer writes it, a bounded spill, recycled arrays. */
class EpochBufferTest {
    @TempDir
    Path tmp;

    private final ManyToOneConcurrentArrayQueue<byte[]> pool = new ManyToOneConcurrentArrayQueue<>(4);

    @Test
    void shouldKeepTheEpochInMemoryUntilTheCommitterWritesIt() throws IOException {
        Path temp = tmp.resolve(".part-0.tmp");
        EpochBuffer buffer = new EpochBuffer(temp, pool, 1 << 20);
        byte[] rows = bytes(300_000); // grows the array past its initial size, stays under the limit
        buffer.write(rows, 0, rows.length);
        buffer.write('\n');
        assertThat(temp).doesNotExist();
        assertThat(buffer.count()).isEqualTo(300_001);

        try (FileChannel channel = buffer.writeTo()) {
            channel.force(true);
        }
        byte[] expected = Arrays.copyOf(rows, 300_001);
        expected[300_000] = '\n';
        assertThat(Files.readAllBytes(temp)).isEqualTo(expected);
    }

    @Test
    void shouldSpillToItsFileOnceTheEpochOutgrowsTheLimitAndLoseNothing() throws IOException {
        Path temp = tmp.resolve(".part-1.tmp");
        EpochBuffer buffer = new EpochBuffer(temp, pool, 4096);
        byte[] rows = bytes(20_000);
        for (int off = 0; off < 10_000; off += 100) {
            buffer.write(rows, off, 100);
        }
        assertThat(temp).as("spilled past the 4 KiB limit").exists();
        buffer.write(rows, 10_000, 10_000); // larger than the whole array: straight to the file
        try (FileChannel channel = buffer.writeTo()) {
            channel.force(true);
        }
        assertThat(Files.readAllBytes(temp)).isEqualTo(rows);
        assertThat(buffer.count()).isEqualTo(20_000);
    }

    @Test
    void shouldGiveItsArrayToTheNextEpochOnceWrittenOrDiscarded() throws IOException {
        EpochBuffer first = new EpochBuffer(tmp.resolve(".a.tmp"), pool, 1 << 20);
        first.write(bytes(200_000), 0, 200_000);
        first.writeTo().close();
        assertThat(pool.size()).isEqualTo(1);

        EpochBuffer second = new EpochBuffer(tmp.resolve(".b.tmp"), pool, 1 << 20);
        assertThat(pool.size()).as("taken by the next epoch").isZero();
        second.write(bytes(10), 0, 10);
        second.discard();
        assertThat(tmp.resolve(".b.tmp")).doesNotExist();
        assertThat(pool.size()).isEqualTo(1);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }
}
