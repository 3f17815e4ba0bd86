package io.streamline.engine.epoch;

import io.streamline.engine.Await;
import io.streamline.engine.sink.EpochOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The coordinator's epoch log: boundaries written ahead by the committer as soon as every source marked an epoch. */
class EpochLogTest {
    private static final Set<String> PARTICIPANTS = Set.of(Participants.source("s/0"), Participants.source("s/1"),
            Participants.sink("sink/0"));
    /** What happened on the committer thread, in order: "log e {offsets}" and "commit e". */
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final EpochCoordinator coordinator = new EpochCoordinator(4, r -> events.add("commit " + r.epoch()),
            (epoch, startMillis, offsets) -> events.add("log " + epoch + " " + new TreeMap<>(offsets)));
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
    void shouldLogAnEpochOnceEverySourceMarkedItBeforeItsSinksAcknowledge() {
        assertThat(coordinator.startNextEpoch()).isEqualTo(5);
        coordinator.sourceMarked("s/0", 5, "10", 10);
        assertThat(events).as("one source of two marked").isEmpty();
        coordinator.sourceMarked("s/1", 5, "7", 7);
        Await.until("epoch 5 logged", () -> events.size() == 1);
        assertThat(events).containsExactly("log 5 {s/0=10, s/1=7}");

        coordinator.sinkPrepared("sink/0", 5, EpochOutput.DONE, 0);
        Await.until("epoch 5 committed", () -> events.size() == 2);
        assertThat(events).containsExactly("log 5 {s/0=10, s/1=7}", "commit 5");
    }

    @Test
    void shouldNotLogAReplayedEpochAgainButCommitIt() {
        coordinator.replayLogged(5, 1_000);
        assertThat(coordinator.requestedEpoch()).isEqualTo(5);
        assertThat(coordinator.epochStartMillis(5)).isEqualTo(1_000);
        coordinator.sourceMarked("s/0", 5, "10", 10);
        coordinator.sourceMarked("s/1", 5, "7", 7);
        coordinator.sinkPrepared("sink/0", 5, EpochOutput.DONE, 0);
        Await.until("epoch 5 committed", () -> events.size() == 1);
        assertThat(events).containsExactly("commit 5");

        assertThat(coordinator.startNextEpoch()).isEqualTo(6);
        coordinator.sourceMarked("s/0", 6, "11", 1);
        coordinator.sourceMarked("s/1", 6, "8", 1);
        Await.until("epoch 6 logged", () -> events.size() == 2);
        assertThat(events.get(1)).isEqualTo("log 6 " + new TreeMap<>(Map.of("s/0", "11", "s/1", "8")));
    }
}
