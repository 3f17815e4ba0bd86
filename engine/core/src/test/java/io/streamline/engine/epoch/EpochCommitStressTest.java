package io.streamline.engine.epoch;

import io.streamline.engine.Stress;
import io.streamline.engine.TestSeed;
import io.streamline.engine.sink.EpochOutput;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stress of the coordinator and its committer thread: a driver thread requests epochs as fast as the bound on
 * epochs in flight lets it, one thread per participant (sources, a state, a sink) acknowledges each epoch at a
 * random moment after it was requested, and the committer commits. Invariants, checked in the commit callback
 * (on the committer thread, outside the coordinator's lock) for every epoch: epochs commit once each, in order;
 * a report is complete when committed (every source's offset and row count, the state's snapshot, the sink's
 * output, each exactly what that participant reported for that epoch); the coordinator's last committed epoch
 * is the one before. Iterations: {@code -Dstreamline.stress.factor}.
 */
class EpochCommitStressTest {
    private static final int SOURCES = 4;

    @Test
    void everyEpochCommitsOnceInOrderWithEveryAcknowledgementInItsReport() throws Exception {
        int epochs = Stress.iterations(3_000);
        long seed = TestSeed.of("EpochCommitStressTest");
        Set<String> participants = new HashSet<>();
        for (int s = 0; s < SOURCES; s++) {
            participants.add(Participants.source("s/" + s));
        }
        participants.add(Participants.state("1-count"));
        participants.add(Participants.sink("sink/0"));

        List<String> violations = new CopyOnWriteArrayList<>();
        long[] lastCommitted = {-1};
        EpochCoordinator[] holder = new EpochCoordinator[1];
        EpochCoordinator coordinator = new EpochCoordinator(-1, report -> {
            long e = report.epoch();
            if (e != lastCommitted[0] + 1) {
                violations.add("epoch " + e + " committed after " + lastCommitted[0]);
            }
            if (holder[0].lastCommitted() != e - 1) {
                violations.add("epoch " + e + " committed while the coordinator's last committed is " + holder[0].lastCommitted());
            }
            long rows = 0;
            for (int s = 0; s < SOURCES; s++) {
                String offset = report.offsets().get("s/" + s);
                if (!(e + ":" + s).equals(offset)) {
                    violations.add("epoch " + e + " committed with offset " + offset + " of source s/" + s);
                }
                rows += s + 1;
            }
            if (report.inputRows() != rows) {
                violations.add("epoch " + e + " committed with " + report.inputRows() + " input rows, not " + rows);
            }
            Long ref = report.snapshotRefs().get("1-count");
            if (ref == null || ref != e) {
                violations.add("epoch " + e + " committed with snapshot " + ref);
            }
            EpochOutput output = report.sinkOutputs().get("sink/0");
            if (!(output instanceof Output o) || o.epoch != e) {
                violations.add("epoch " + e + " committed with sink output " + output);
            }
            lastCommitted[0] = e;
        });
        holder[0] = coordinator;
        coordinator.expect(participants);
        Thread committer = new Thread(coordinator::commitCompleted, "stress-committer");
        committer.setDaemon(true);
        committer.start();

        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> {
            long requested = -1;
            while (requested < epochs - 1) {
                long e = coordinator.startNextEpoch();
                if (e >= 0) {
                    requested = e;
                } else {
                    Thread.onSpinWait(); // too many in flight: the committer catches up
                }
            }
        }, "stress-driver"));
        for (int s = 0; s < SOURCES; s++) {
            int source = s;
            Random random = new Random(seed + s);
            threads.add(participant("stress-source-" + s, epochs, coordinator, random,
                    e -> coordinator.sourceMarked("s/" + source, e, e + ":" + source, source + 1)));
        }
        threads.add(participant("stress-state", epochs, coordinator, new Random(seed + 100),
                e -> coordinator.snapshotWritten("1-count", e, e, 10, 100, 0)));
        threads.add(participant("stress-sink", epochs, coordinator, new Random(seed + 200),
                e -> coordinator.sinkPrepared("sink/0", e, new Output(e), 0)));
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        threads.forEach(t -> t.setDaemon(true)); // a run that went wrong must not keep the test JVM alive
        threads.forEach(t -> t.setUncaughtExceptionHandler((th, e) -> failures.add(e)));
        threads.forEach(Thread::start);
        long deadline = System.nanoTime() + 120_000_000_000L;
        // Wait for the threads, but stop at the first violation or refused acknowledgement: the others may then wait forever.
        while (threads.stream().anyMatch(Thread::isAlive) && violations.isEmpty() && failures.isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(violations).as("invariant violations (first ones)").isEmpty();
        assertThat(failures).as("acknowledgements refused").isEmpty();
        threads.forEach(t -> assertThat(t.isAlive()).as("%s finished", t.getName()).isFalse());
        assertThat(coordinator.awaitCommitted(epochs - 1, 60_000)).as("the last epoch committed").isTrue();
        coordinator.stopCommitting();
        committer.join(10_000);
        assertThat(violations).as("invariant violations (first ones)").isEmpty();
        assertThat(lastCommitted[0]).isEqualTo(epochs - 1);
        System.out.println("EpochCommitStressTest: " + epochs + " epochs, " + participants.size() + " participants");
    }

    /** A participant acknowledging every epoch once requested, after a random short pause now and then. */
    private static Thread participant(String name, int epochs, EpochCoordinator coordinator, Random random,
                                      java.util.function.LongConsumer acknowledge) {
        return new Thread(() -> {
            for (long e = 0; e < epochs; e++) {
                while (coordinator.requestedEpoch() < e) {
                    Thread.onSpinWait();
                }
                if (random.nextInt(16) == 0) {
                    LockSupport.parkNanos(random.nextInt(20_000));
                }
                acknowledge.accept(e);
            }
        }, name);
    }

    /** A sink output that says which epoch it belongs to. */
    private static final class Output implements EpochOutput {
        final long epoch;

        Output(long epoch) {
            this.epoch = epoch;
        }

        @Override
        public String toString() {
            return "output of epoch " + epoch;
        }
    }
}
