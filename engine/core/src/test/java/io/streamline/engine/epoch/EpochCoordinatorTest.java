package io.streamline.engine.epoch;

import io.streamline.engine.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.streamline.engine.sink.EpochOutput;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EpochCoordinatorTest {
    private static final Set<String> PARTICIPANTS = Set.of(Participants.source("s/0"), Participants.state("1-count"),
            Participants.sink("sink/0"));
    private final List<EpochReport> committed = new CopyOnWriteArrayList<>();
    private final EpochCoordinator coordinator = new EpochCoordinator(-1, committed::add);
    private final Thread committer = new Thread(coordinator::commitCompleted, "test-committer");

    @BeforeEach
    void startCommitter() {
        coordinator.expect(PARTICIPANTS);
        committer.start();
    }

    @AfterEach
    void stopCommitter() throws InterruptedException {
        coordinator.stopCommitting();
        committer.join(10_000);
        assertThat(committer.isAlive()).isFalse();
    }

    @Test
    void shouldCommitOnlyWhenSourceSnapshotAndSinkAcknowledged() {
        assertThat(coordinator.startNextEpoch()).isZero();
        assertThat(coordinator.requestedEpoch()).isZero();
        coordinator.sourceMarked("s/0", 0, "10", 10);
        coordinator.snapshotWritten("1-count", 0, 77, 3, 30, 0);
        assertThat(committed).isEmpty();
        coordinator.sinkPrepared("sink/0", 0, EpochOutput.DONE, 0);

        Await.until("epoch 0 committed", () -> committed.size() == 1);
        assertThat(committed).singleElement().satisfies(r -> {
            assertThat(r.epoch()).isZero();
            assertThat(r.offsets()).containsEntry("s/0", "10");
            assertThat(r.snapshotRefs()).containsEntry("1-count", 77L);
            assertThat(r.inputRows()).isEqualTo(10);
        });
        assertThat(coordinator.lastCommitted()).isZero();
    }

    @Test
    void shouldCommitInEpochOrderEvenWhenALaterEpochCompletesFirst() throws InterruptedException {
        coordinator.startNextEpoch();
        coordinator.startNextEpoch();
        acknowledge(1);
        assertThat(coordinator.awaitCommitted(1, 200)).as("epoch 1 waits for epoch 0").isFalse();
        assertThat(committed).isEmpty();
        acknowledge(0);
        assertThat(coordinator.awaitCommitted(1, 30_000)).isTrue();
        assertThat(committed).extracting(EpochReport::epoch).containsExactly(0L, 1L);
    }

    @Test
    void shouldCommitNothingAfterFailure() throws InterruptedException {
        coordinator.startNextEpoch();
        coordinator.fail();
        acknowledge(0);
        committer.join(10_000);
        assertThat(committer.isAlive()).as("the committer ends with the failure").isFalse();
        assertThat(committed).isEmpty();
        assertThat(coordinator.startNextEpoch()).isEqualTo(-1);
    }

    @Test
    void shouldContinueNumberingAfterTheRecoveredEpoch() {
        EpochCoordinator recovered = new EpochCoordinator(41, committed::add);
        recovered.expect(PARTICIPANTS);
        assertThat(recovered.requestedEpoch()).isEqualTo(41);
        assertThat(recovered.startNextEpoch()).isEqualTo(42);
    }

    @Test
    void shouldRefuseADuplicateOrForeignAcknowledgementWithoutCommitting() {
        coordinator.startNextEpoch();
        coordinator.sourceMarked("s/0", 0, "1", 1);
        assertThatThrownBy(() -> coordinator.sourceMarked("s/0", 0, "2", 1)).hasMessageContaining("acknowledged twice by source s/0");
        assertThatThrownBy(() -> coordinator.snapshotWritten("9-other", 0, 1, 1, 1, 0))
                .hasMessageContaining("state 9-other, which is not part of the query");
        coordinator.snapshotWritten("1-count", 0, 1, 1, 10, 0);
        assertThat(committed).as("two acknowledgements of three, however many calls").isEmpty();
        coordinator.sinkPrepared("sink/0", 0, EpochOutput.DONE, 0);
        Await.until("epoch 0 committed", () -> committed.size() == 1);
        assertThat(committed.get(0).offsets()).as("the refused duplicate changed nothing").containsEntry("s/0", "1");
        assertThatThrownBy(() -> coordinator.sinkPrepared("sink/0", 0, EpochOutput.DONE, 0))
                .as("an acknowledgement of a committed epoch").hasMessageContaining("not in flight");
    }

    private void acknowledge(long epoch) {
        coordinator.sourceMarked("s/0", epoch, "1", 1);
        coordinator.snapshotWritten("1-count", epoch, 1, 1, 10, 0);
        coordinator.sinkPrepared("sink/0", epoch, EpochOutput.DONE, 0);
    }
}
