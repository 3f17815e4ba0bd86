package io.streamline.bench.peers.flink;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands the generator's split to the (single) reader as soon as it registers, and takes it back with the
 * reader's last checkpointed position if the reader fails. Its checkpoint is the splits not yet handed out.
 */
final class SequenceEnumerator implements SplitEnumerator<SequenceSplit, List<SequenceSplit>> {
    private final SplitEnumeratorContext<SequenceSplit> context;
    private final List<SequenceSplit> pending;

    SequenceEnumerator(SplitEnumeratorContext<SequenceSplit> context, List<SequenceSplit> pending) {
        this.context = context;
        this.pending = new ArrayList<>(pending);
    }

    @Override
    public void start() {
        // Splits are pushed in addReader; nothing runs in the background.
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Readers never ask: the one split is pushed when the reader registers.
    }

    @Override
    public void addSplitsBack(List<SequenceSplit> splits, int subtaskId) {
        pending.addAll(splits);
        if (context.registeredReaders().containsKey(subtaskId)) {
            addReader(subtaskId);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        for (SequenceSplit split : pending) {
            context.assignSplit(split, subtaskId);
        }
        pending.clear();
    }

    @Override
    public List<SequenceSplit> snapshotState(long checkpointId) {
        return List.copyOf(pending);
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
