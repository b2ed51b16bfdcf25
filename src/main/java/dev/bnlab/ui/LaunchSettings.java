package dev.bnlab.ui;

import dev.bnlab.spec.ExperimentSpec;

import java.nio.file.Path;

/**
 * What the command line hands to the window: the experiment that fills its form, where results go (and whether
 * --overwrite lets them replace earlier ones there), whether to start at once, and results folders to show
 * (--compare).
 */
public record LaunchSettings(ExperimentSpec spec, Path dataDir, Path outputDir, boolean autostart, boolean overwrite,
                             java.util.List<Path> show) {
    public LaunchSettings {
        show = show == null ? java.util.List.of() : java.util.List.copyOf(show);
    }

    public LaunchSettings(ExperimentSpec spec, Path dataDir, Path outputDir, boolean autostart) {
        this(spec, dataDir, outputDir, autostart, false, null);
    }

    private static volatile LaunchSettings current =
            new LaunchSettings(ExperimentSpec.defaults(), dev.bnlab.data.MnistProvisioner.defaultDirectory(), null, false);

    public static LaunchSettings current() {
        return current;
    }

    public static void set(LaunchSettings settings) {
        current = settings;
    }
}
