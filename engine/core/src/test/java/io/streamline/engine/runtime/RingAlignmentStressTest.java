package io.streamline.engine.runtime;

import io.streamline.engine.Stress;
import io.streamline.engine.TestSeed;
import io.streamline.engine.operator.RecordMeta;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stress of the hand-off at a fan-in: producer threads, each publishing into its own ring (records and epoch
 * markers, at random paces), and one consumer thread polling every ring through a shared {@link MarkerAligner},
 * as a fan-in task does. Invariants, checked on the consumer thread for every record and marker:
 * <ul>
 *   <li>each record's slot is read whole (its value and metadata written together by its producer);</li>
 *   <li>each producer's records arrive in order, none lost or doubled;</li>
 *   <li>each record lands in the epoch its producer put it in: after the aligned marker of epoch {@code e - 1} and
 *       before that of {@code e};</li>
 *   <li>each epoch's aligned marker is handed on once, in order, with every input's watermark.</li>
 * </ul>
 * The last test runs the same harness with an aligner per ring (no alignment across the rings, a plausible
 * wiring bug) and shows the checks catch it. Iterations: {@code -Dstreamline.stress.factor}.
 */
class RingAlignmentStressTest {
    private static final int PRODUCERS = 3;
    private static final int MAX_RECORDS_PER_EPOCH = 40;

    @Test
    void recordsKeepTheirOrderAndTheirEpochAcrossRingsAndAlignedMarkers() throws Exception {
        int epochs = Stress.iterations(3000);
        Run run = run(epochs, true, TestSeed.of("RingAlignmentStressTest"));
        assertThat(run.violations).as("invariant violations (first ones)").isEmpty();
        assertThat(run.aligned).as("aligned markers").isEqualTo(epochs);
        assertThat(run.ended).as("every input ended").isTrue();
        for (int p = 0; p < PRODUCERS; p++) {
            assertThat(run.received[p]).as("records of producer %d", p).isEqualTo(run.published[p]);
        }
        System.out.println("RingAlignmentStressTest: " + epochs + " epochs, " + java.util.Arrays.stream(run.published).sum()
                + " records through " + PRODUCERS + " rings");
    }

    @Test
    void theChecksCatchRingsWhoseMarkersAreNotAligned() throws Exception {
        Run run = run(200, false, TestSeed.of("RingAlignmentStressTest.unaligned"));
        assertThat(run.violations).as("violations found with an aligner per ring").isNotEmpty()
                .anyMatch(v -> v.contains("aligned marker"));
    }

    /** What one run saw. */
    private static final class Run {
        final long[] published = new long[PRODUCERS];
        final long[] received = new long[PRODUCERS];
        final List<String> violations = new CopyOnWriteArrayList<>();
        long aligned;
        boolean ended;

        void violation(String what) {
            if (violations.size() < 10) {
                violations.add(what);
            }
        }
    }

    private static Run run(int epochs, boolean sharedAligner, long seed) throws Exception {
        Run run = new Run();
        List<RecordRing> rings = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            rings.add(new RecordRing("stress-" + p, 64)); // small rings: producers often find them full
        }
        Checker checker = new Checker(run);
        MarkerAligner shared = new MarkerAligner(PRODUCERS, checker);
        List<RingInput> inputs = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            MarkerAligner aligner = sharedAligner ? shared : new MarkerAligner(1, checker.endsOf(PRODUCERS));
            inputs.add(new RingInput(rings.get(p), sharedAligner ? p : 0, aligner, checker));
        }
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            Random random = new Random(seed + p);
            RingPublisher publisher = new RingPublisher(rings.get(p), () -> true);
            producers.add(new Thread(() -> {
                Envelope meta = new Envelope();
                long seq = 0;
                for (long epoch = 0; epoch < epochs; epoch++) {
                    int n = random.nextInt(MAX_RECORDS_PER_EPOCH + 1);
                    for (int i = 0; i < n; i++) {
                        // the epoch rides in ingestNanos, the sequence in eventTime: the checker compares them with the value
                        meta.setRecord(null, epoch, seq, producer);
                        publisher.onRecord(value(producer, seq), meta);
                        seq++;
                    }
                    publisher.onEpochMarker(epoch, watermark(producer, epoch));
                    if (random.nextInt(8) == 0) {
                        Thread.yield();
                    }
                }
                run.published[producer] = seq;
                publisher.onEnd();
            }, "stress-producer-" + p));
        }
        producers.forEach(Thread::start);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!checker.allEnded()) {
            int polled = 0;
            for (RingInput input : inputs) {
                polled += input.poll(16);
            }
            if (polled == 0) {
                Thread.onSpinWait();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the consumer did not see every input end in time; violations " + run.violations);
            }
        }
        for (Thread t : producers) {
            t.join();
        }
        return run;
    }

    private static long value(int producer, long seq) {
        return producer * 1_000_000_000_000L + seq;
    }

    private static long watermark(int producer, long epoch) {
        return epoch * 10 + producer;
    }

    /** The consumer's side: checks every record and aligned marker as it arrives (on the consumer thread). */
    private static final class Checker implements Downstream, AlignedMarkers {
        private final Run run;
        private final long[] nextSeq = new long[PRODUCERS];
        private int endedInputs;
        private int expectedEnds = 1;

        Checker(Run run) {
            this.run = run;
        }

        /** With an aligner per ring, every aligner reports its own end; all of them end the run. */
        AlignedMarkers endsOf(int aligners) {
            expectedEnds = aligners;
            return this;
        }

        boolean allEnded() {
            return run.ended;
        }

        @Override
        public void onRecord(Object value, RecordMeta meta) {
            int producer = (int) meta.sourceOffset();
            long seq = meta.eventTime();
            long epoch = meta.ingestNanos();
            if (producer < 0 || producer >= PRODUCERS || !(value instanceof Long v) || v != value(producer, seq)) {
                run.violation("a torn slot: value " + value + " with producer " + producer + ", seq " + seq);
                return;
            }
            if (seq != nextSeq[producer]) {
                run.violation("producer " + producer + ": record " + seq + " arrived when " + nextSeq[producer] + " was due");
            }
            nextSeq[producer] = seq + 1;
            run.received[producer]++;
            if (epoch != run.aligned) {
                run.violation("record " + seq + " of producer " + producer + " of epoch " + epoch + " arrived after "
                        + run.aligned + " aligned marker(s)");
            }
        }

        @Override
        public void onEpochMarker(long epoch, long watermark) {
            run.violation("a marker reached the records' path");
        }

        @Override
        public void onEnd() {
            run.violation("an end reached the records' path");
        }

        @Override
        public void onAlignedMarker(long epoch, long[] inputWatermarks) {
            if (epoch != run.aligned) {
                run.violation("aligned marker " + epoch + " arrived when " + run.aligned + " was due");
            }
            if (inputWatermarks.length == PRODUCERS) {
                for (int p = 0; p < PRODUCERS; p++) {
                    if (inputWatermarks[p] != watermark(p, epoch)) {
                        run.violation("aligned marker " + epoch + " carried watermark " + inputWatermarks[p] + " of input " + p);
                    }
                }
            }
            run.aligned++;
        }

        @Override
        public void onAllEnded() {
            if (++endedInputs == expectedEnds) {
                run.ended = true;
            }
        }
    }
}
