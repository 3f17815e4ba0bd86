package io.streamline.examples;

import io.streamline.engine.CommittedTallies;
import io.streamline.engine.ContinuousExactlyOnceChild;
import io.streamline.engine.ExactlyOnceKillHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket source's acknowledging protocol through {@code kill -9}: {@link PublishData} in this JVM
 * ({@code --protocol ack --sequence}) publishes 0, 1, 2, ... at 5,000 lines/s to a pipeline JVM (socket source with
 * option {@code protocol=ack} -> keyed running count -> JSON file sink, 100 ms epochs), which
 * {@link ExactlyOnceKillHarness} kills with SIGKILL at random moments and halts in both commit windows; every restart
 * connects again and the publisher sends from the resume point it is given. The committed output must hold every
 * number published exactly once (0 lost, 0 duplicated) with its exact running count, and the kills must have cut
 * connections while lines were in flight: lines sent that the dead engine had not logged, which a plain sender would
 * have lost. Kills: {@code -Dstreamline.crash.kills}; seed: {@code -Dstreamline.test.seed}.
 */
class SocketAckCrashTest {
    @TempDir
    Path dir;

    @Test
    void everyPublishedLineShouldBeCommittedExactlyOnceThroughKills() throws Exception {
        Path checkpoint = dir.resolve("checkpoint");
        Path output = dir.resolve("out");
        try (PublishData publisher = PublishData.start(PublishData.Settings.parse("--port", "0", "--rate", "5000",
                "--sequence", "--protocol", "ack", "--seconds", "100000"))) {
            ExactlyOnceKillHarness harness = new ExactlyOnceKillHarness("socket-ack", dir, checkpoint,
                    ContinuousExactlyOnceChild.class,
                    List.of(checkpoint.toString(), output.toString(), "socket-ack:" + publisher.port()),
                    () -> CommittedTallies.rows(output));
            ExactlyOnceKillHarness.Outcome outcome = harness.killRepeatedly();
            long published = publisher.stopPublishing();
            harness.runUntil(published);

            List<long[]> rows = CommittedTallies.rows(output);
            assertThat(ExactlyOnceKillHarness.check(rows)).as("the largest number committed").isEqualTo(published - 1);
            assertThat(rows).as("every number published, once").hasSize((int) published);
            long resent = publisher.resent();
            assertThat(resent).as("lines in flight when a connection died: sent, not logged, sent again").isPositive();
            System.out.printf("socket ack protocol crash test: %s; %d lines published, %d line sends repeated (a line sent on a"
                    + " connection that died before the engine logged it, then again; some more than once); all committed once: 0 lost, 0 duplicated%n",
                    outcome.summary(), published, resent);
        }
    }
}
