package io.streamline.operators.dstream;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code print(num)}: Spark's layout, the first {@code num} elements of every batch and {@code ...} if there are more. */
final class PrintOutput<T> implements OutputOperation<T> {
    private final int num;
    private final PrintStream out;

    PrintOutput(int num, PrintStream out) {
        if (num <= 0) {
            throw new IllegalArgumentException("print(num): num must be positive, got " + num);
        }
        this.num = num;
        this.out = out;
    }

    @Override
    public String describe() {
        return "print(" + num + ")";
    }

    @Override
    public List<T> select(List<T> batch) {
        return new ArrayList<>(batch.subList(0, Math.min(batch.size(), num + 1)));
    }

    @Override
    public void run(List<T> batch, Time time) {
        StringBuilder sb = new StringBuilder();
        sb.append("-------------------------------------------\n");
        sb.append("Time: ").append(time).append('\n');
        sb.append("-------------------------------------------\n");
        for (int i = 0; i < Math.min(num, batch.size()); i++) {
            sb.append(batch.get(i)).append('\n');
        }
        if (batch.size() > num) {
            sb.append("...\n");
        }
        sb.append('\n');
        out.print(sb); // one call, so batches printed by two contexts do not interleave line by line
        out.flush();
    }
}
