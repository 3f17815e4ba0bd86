package io.streamline.bench;

import io.streamline.engine.config.IdleMode;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the bench's command lines and results name an {@link IdleMode}: lower case, words joined by {@code -}. */
public final class IdleModeNames {
    private IdleModeNames() {
    }

    /** The idle strategy {@code name} stands for ({@code backoff}, {@code yield-backoff}, ...), or an error listing them. */
    public static IdleMode parse(String name) {
        try {
            return IdleMode.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--idle: unknown idle strategy '" + name + "'; accepted: "
                    + Arrays.stream(IdleMode.values()).map(IdleModeNames::label).collect(Collectors.joining(", ")));
        }
    }

    /** The name of {@code mode} on a command line. */
    public static String label(IdleMode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
