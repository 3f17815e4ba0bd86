package io.streamline.engine.runtime;

import java.util.List;

/**
 * The epochs one source partition replays on recovery before any new one: each logged epoch after the last commit,
 * with the offset its marker was at. The partition reads up to each end offset, no further, and marks the epoch
 * there, so a replayed epoch holds exactly the records it held before the crash, under the same id.
 *
 * @param epochs     the replayed epochs, consecutive, starting right after the last commit
 * @param endOffsets the offset at each epoch's marker, in the same order
 */
public record EpochReplay(List<Long> epochs, List<String> endOffsets) {
    /** No epoch to replay. */
    public static final EpochReplay NONE = new EpochReplay(List.of(), List.of());

    public EpochReplay {
        epochs = List.copyOf(epochs);
        endOffsets = List.copyOf(endOffsets);
        if (epochs.size() != endOffsets.size()) {
            throw new IllegalArgumentException(epochs.size() + " epochs but " + endOffsets.size() + " end offsets");
        }
    }

    /** How many epochs are replayed. */
    public int size() {
        return epochs.size();
    }
}
