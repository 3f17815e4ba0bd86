package io.streamline.engine.contract;

/**
 * A connector setting the contract suites expect to be refused: making the connector with it must throw an
 * {@link IllegalArgumentException} whose message names {@link #option} and contains {@link #accepted}, the words
 * that tell the user what is accepted instead.
 *
 * @param option   the option's name as the user spelled it
 * @param accepted text the message must contain that says what is accepted (e.g. {@code "positive whole number"})
 * @param attempt  makes the connector with the bad setting
 */
public record BadOption(String option, String accepted, Attempt attempt) {

    /** Makes a connector; expected to throw. */
    @FunctionalInterface
    public interface Attempt {
        /** Builds the connector with the bad setting. */
        void run() throws Exception;
    }
}
