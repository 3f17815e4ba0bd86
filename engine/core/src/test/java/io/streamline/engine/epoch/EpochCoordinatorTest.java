package io.streamline.engine.epoch;

import io.streamline.engine.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.streamline.engine.sink.EpochOutput;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class EpochCoordinatorTest {
    private static final Set<String> PARTICIPANTS = Set.of(Participants.source("s/0"), Participants.state("1-count"),
            Participants.sink("sink/0"));
    private final List<EpochReport> committed = new CopyOnWriteArrayList<>();
    private final EpochCoordinator coordinator = new EpochCoordinator(-1, committed::add);
    private final AtomicReference<Throwable> committerFailure = new AtomicReference<>();
    private final Thread committer = new Thread(() -> {
        try {
            coordinator.commitCompleted();
        } catch (Throwable t) {
            committerFailure.set(t);
        }
    }, "test-committer");

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
    void shouldFailTheCommitterOnADuplicateAcknowledgementWithoutCommitting() {
        coordinator.startNextEpoch();
        assertCommitterFailsWithoutCommitting(c -> {
            c.sourceMarked("s/0", 0, "1", 1);
            c.sourceMarked("s/0", 0, "2", 1);
            c.snapshotWritten("1-count", 0, 1, 1, 10, 0);
            c.sinkPrepared("sink/0", 0, EpochOutput.DONE, 0);
        }, "acknowledged twice by source s/0");
    }

    @Test
    void shouldFailTheCommitterOnAnAcknowledgementFromOutsideTheQuery() {
        coordinator.startNextEpoch();
        assertCommitterFailsWithoutCommitting(c -> {
            c.sourceMarked("s/0", 0, "1", 1);
            c.snapshotWritten("9-other", 0, 1, 1, 1, 0);
            c.snapshotWritten("1-count", 0, 1, 1, 10, 0);
            c.sinkPrepared("sink/0", 0, EpochOutput.DONE, 0);
        }, "state 9-other, which is not part of the query");
    }

    @Test
    void shouldFailTheCommitterOnAnAcknowledgementOfAnEpochNotInFlight() {
        assertCommitterFailsWithoutCommitting(c -> c.sinkPrepared("sink/0", 3, EpochOutput.DONE, 0), "not in flight");
    }

    @Test
    void shouldApplyReportsQueuedBeforeTheCommitterRuns() throws InterruptedException {
        EpochCoordinator early = new EpochCoordinator(-1, committed::add);
        early.expect(PARTICIPANTS);
        early.startNextEpoch();
        early.sourceMarked("s/0", 0, "5", 5);
        early.snapshotWritten("1-count", 0, 1, 1, 10, 0);
        early.sinkPrepared("sink/0", 0, EpochOutput.DONE, 0);
        Thread lateCommitter = new Thread(early::commitCompleted, "late-committer");
        lateCommitter.start();
        try {
            assertThat(early.awaitCommitted(0, 30_000)).as("reports queued before the committer started").isTrue();
        } finally {
            early.stopCommitting();
            lateCommitter.join(10_000);
        }
    }

    /** Reports arrive on this thread without an exception; the committer applies them, fails, and commits nothing. */
    private void assertCommitterFailsWithoutCommitting(Consumer<EpochCoordinator> reports, String message) {
        reports.accept(coordinator);
        Await.until("the committer failed", () -> !committer.isAlive());
        assertThat(committerFailure.get()).hasMessageContaining(message);
        assertThat(committed).isEmpty();
    }

    private void acknowledge(long epoch) {
        coordinator.sourceMarked("s/0", epoch, "1", 1);
        coordinator.snapshotWritten("1-count", epoch, 1, 1, 10, 0);
        coordinator.sinkPrepared("sink/0", epoch, EpochOutput.DONE, 0);
    }
}
