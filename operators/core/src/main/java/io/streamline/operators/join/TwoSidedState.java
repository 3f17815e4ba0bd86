package io.streamline.operators.join;

import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.StateChanges;

import java.io.Serializable;
import java.util.function.BiConsumer;

/**
 * The two buffers of a stream-stream join checkpointed as the operator's one state: each entry's key is tagged with
 * its side, and changes of both sides are handed to the snapshot writer together.
 */
final class TwoSidedState implements OperatorState {
    /** A key of one side. */
    record Sided(int side, Object key) implements Serializable {
    }

    private final OperatorState[] sides;

    TwoSidedState(OperatorState left, OperatorState right) {
        this.sides = new OperatorState[]{left, right};
    }

    @Override
    public void snapshot(BiConsumer<Object, Object> out) {
        for (int side = 0; side < 2; side++) {
            int s = side;
            sides[side].snapshot((key, value) -> out.accept(new Sided(s, key), value));
        }
    }

    @Override
    public void restore(Object key, Object value) {
        Sided sided = (Sided) key;
        sides[sided.side()].restore(sided.key(), value);
    }

    @Override
    public long numRows() {
        return sides[0].numRows() + sides[1].numRows();
    }

    @Override
    public StateChanges takeChanges() {
        StateChanges left = sides[0].takeChanges();
        StateChanges right = sides[1].takeChanges();
        return new StateChanges() {
            @Override
            public int size() {
                return left.size() + right.size();
            }

            @Override
            public void forEach(Visitor visitor) {
                left.forEach(tagged(0, visitor));
                right.forEach(tagged(1, visitor));
            }

            @Override
            public void release() {
                left.release();
                right.release();
            }
        };
    }

    private static StateChanges.Visitor tagged(int side, StateChanges.Visitor visitor) {
        return new StateChanges.Visitor() {
            @Override
            public void changed(Object key, Object value) {
                visitor.changed(new Sided(side, key), value);
            }

            @Override
            public void changedLong(Object key, long value) {
                visitor.changedLong(new Sided(side, key), value);
            }

            @Override
            public void changedEncoded(Object key, byte[] value) {
                visitor.changedEncoded(new Sided(side, key), value);
            }

            @Override
            public void removed(Object key) {
                visitor.removed(new Sided(side, key));
            }
        };
    }

    @Override
    public Object groupingKeyOf(Object stateKey) {
        Sided sided = (Sided) stateKey;
        return sides[sided.side()].groupingKeyOf(sided.key());
    }
}
