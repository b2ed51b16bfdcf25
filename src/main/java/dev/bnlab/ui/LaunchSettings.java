package dev.bnlab.ui;

import dev.bnlab.experiment.ExperimentConfig;

import java.nio.file.Path;

/** What the command line hands to the window: the settings that prefill its fields, and whether to start at once. */
public record LaunchSettings(ExperimentConfig config, Path dataDir, Path outputDir, boolean autostart) {
    private static volatile LaunchSettings current =
            new LaunchSettings(ExperimentConfig.defaults(), dev.bnlab.data.MnistProvisioner.defaultDirectory(), null, false);

    public static LaunchSettings current() {
        return current;
    }

    public static void set(LaunchSettings settings) {
        current = settings;
    }
}
