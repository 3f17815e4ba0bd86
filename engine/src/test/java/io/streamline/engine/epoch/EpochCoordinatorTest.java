package io.streamline.engine.epoch;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EpochCoordinatorTest {
    private final List<EpochReport> committed = new ArrayList<>();
    private final EpochCoordinator coordinator = new EpochCoordinator(-1, 3, committed::add);

    @Test
    void shouldCommitOnlyWhenSourceSnapshotAndSinkAcknowledged() {
        assertThat(coordinator.startNextEpoch()).isZero();
        assertThat(coordinator.requestedEpoch()).isZero();
        coordinator.sourceMarked("s/0", 0, "10", 10);
        coordinator.snapshotWritten("1-count", 0, 77, 3, 30);
        assertThat(committed).isEmpty();
        coordinator.sinkCommitted("sink/0", 0);

        assertThat(committed).singleElement().satisfies(r -> {
            assertThat(r.epoch()).isZero();
            assertThat(r.offsets()).containsEntry("s/0", "10");
            assertThat(r.snapshotRefs()).containsEntry("1-count", 77L);
            assertThat(r.inputRows()).isEqualTo(10);
        });
        assertThat(coordinator.lastCommitted()).isZero();
    }

    @Test
    void shouldCommitInEpochOrderEvenWhenALaterEpochCompletesFirst() {
        coordinator.startNextEpoch();
        coordinator.startNextEpoch();
        acknowledge(1);
        assertThat(committed).isEmpty();
        acknowledge(0);
        assertThat(committed).extracting(EpochReport::epoch).containsExactly(0L, 1L);
    }

    @Test
    void shouldCommitNothingAfterFailure() {
        coordinator.startNextEpoch();
        coordinator.fail();
        acknowledge(0);
        assertThat(committed).isEmpty();
        assertThat(coordinator.startNextEpoch()).isEqualTo(-1);
    }

    @Test
    void shouldContinueNumberingAfterTheRecoveredEpoch() {
        EpochCoordinator recovered = new EpochCoordinator(41, 1, committed::add);
        assertThat(recovered.requestedEpoch()).isEqualTo(41);
        assertThat(recovered.startNextEpoch()).isEqualTo(42);
    }

    private void acknowledge(long epoch) {
        coordinator.sourceMarked("s/0", epoch, "1", 1);
        coordinator.snapshotWritten("1-count", epoch, 1, 1, 10);
        coordinator.sinkCommitted("sink/0", epoch);
    }
}
