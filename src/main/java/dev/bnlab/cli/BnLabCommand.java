package dev.bnlab.cli;

import dev.bnlab.data.MnistProvisioner;
import dev.bnlab.report.OutputFolder;
import dev.bnlab.report.Versions;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.Presets;
import dev.bnlab.spec.Setting;
import dev.bnlab.spec.Settings;
import dev.bnlab.spec.SpecException;
import dev.bnlab.spec.SpecJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * BN Lab's command line. The experiment's settings are not written here: one option per entry of
 * {@link Settings#ALL} is added by {@link #commandLine}, with its range and default in --help.
 */
@Command(name = "bnlab", mixinStandardHelpOptions = true, versionProvider = BnLabCommand.VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Trains MLPs on MNIST with and without Batch Normalization, several seeds each, on the same"
                + " minibatches per seed, and compares their loss curves and test accuracy with an honest verdict.",
                "Start from a preset (--preset) or a spec file (--spec); options given here override its settings."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:finished", "1:a run failed", "2:bad command line, settings or spec file",
                "3:MNIST data missing or damaged", "4:output folder not writable, or it holds earlier results (see --overwrite)",
                "130:stopped (Ctrl-C); results so far are written", "143:stopped (SIGTERM); results so far are written"})
public final class BnLabCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What runs once the command line is parsed and valid: the headless job, the window, or a data fetch. */
    public interface Action {
        int run(BnLabCommand command);
    }

    private final Action action;
    private ExperimentSpec experiment;

    public BnLabCommand(Action action) {
        this.action = action;
    }

    @Option(names = "--no-gui", order = 1, description = "Run headless: console progress, results written to --output.")
    public boolean noGui;

    @Option(names = "--preset", order = 2, paramLabel = "NAME",
            description = "Start from a preset experiment: notebook (default), or one --list-presets shows.")
    public String preset;

    @Option(names = "--spec", order = 3, paramLabel = "FILE",
            description = "Start from a spec file (JSON), or the summary.json of earlier results to re-run that experiment.")
    public Path specFile;

    @Option(names = "--data-dir", order = 100, paramLabel = "DIR",
            description = "Folder with the four raw MNIST IDX files; missing files are fetched there (default: DL4J's folder, ${DEFAULT-VALUE}).")
    public Path dataDir = MnistProvisioner.defaultDirectory();

    @Option(names = "--output", order = 101, paramLabel = "DIR",
            description = "Folder for metrics.csv, summary.json, loss.png, loss.svg and the rest (default: a new runs/<date-time> folder). A folder that already holds results is refused, unless --overwrite.")
    public Path output;

    @Option(names = "--overwrite", order = 101,
            description = "Let --output replace the results of an earlier experiment in that folder (BN Lab's own files only).")
    public boolean overwrite;

    @Option(names = "--compare", order = 4, arity = "1..*", paramLabel = "DIR",
            description = "Show past experiments' results folders together: their loss curves overlaid, each variant's"
                    + " accuracy and each experiment's verdicts (one folder: open it). With --no-gui, print them and"
                    + " write compare.png, compare.svg and compare.csv to --output.")
    public List<Path> compare;

    @Option(names = "--autostart", order = 102, description = "Window: start training as soon as it opens.")
    public boolean autostart;

    @Option(names = "--fetch-data", order = 103, description = "Only provide and verify the MNIST files in --data-dir, then exit.")
    public boolean fetchData;

    @Option(names = "--list-presets", order = 104, description = "List the presets with what they run, then exit.")
    public boolean listPresets;

    @Option(names = "--print-spec", order = 105,
            description = "Print the experiment's spec file (preset, --spec and options applied), then exit: a start for your own spec files.")
    public boolean printSpec;

    /** The parser, with one option per setting. */
    public static CommandLine commandLine(BnLabCommand command) {
        CommandLine cl = new CommandLine(command);
        ExperimentSpec defaults = ExperimentSpec.defaults();
        int order = 10;
        for (Setting<?> s : Settings.ALL) {
            cl.getCommandSpec().addOption(OptionSpec.builder(s.option())
                    .paramLabel(s.paramLabel())
                    .type(String.class)
                    .order(order++)
                    .description(s.help() + " Valid: " + s.type().range() + ". Default: " + s.format(defaults)
                            + ", or the preset's.")
                    .build());
        }
        cl.addSubcommand("evaluate", new EvaluateCommand());
        return cl;
    }

    @Override
    public Integer call() {
        if (listPresets) {
            int width = Presets.NAMES.stream().mapToInt(String::length).max().orElse(0);
            for (String name : Presets.NAMES) {
                ExperimentSpec p = Presets.load(name);
                spec.commandLine().getOut().printf("%-" + width + "s  %s%n", name, p.description());
            }
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        if (compare != null) { // past results are shown as they are: settings for a new experiment make no sense
            List<String> given = new ArrayList<>();
            for (Setting<?> s : Settings.ALL) {
                if (spec.commandLine().getParseResult().hasMatchedOption(s.option())) {
                    given.add(s.option());
                }
            }
            if (preset != null) {
                given.add("--preset");
            }
            if (specFile != null) {
                given.add("--spec");
            }
            if (autostart) {
                given.add("--autostart");
            }
            if (!given.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--compare shows past experiments as they"
                        + " were run; it takes no settings for a new one (got " + String.join(", ", given) + ").");
            }
        }
        try {
            experiment = buildExperiment();
        } catch (SpecException e) {
            spec.commandLine().getErr().println("Error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (printSpec) {
            spec.commandLine().getOut().print(SpecJson.toText(experiment));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        return action.run(this);
    }

    /** The preset or spec file, with every setting given on the command line applied and validated. */
    private ExperimentSpec buildExperiment() throws SpecException {
        if (preset != null && specFile != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Use --preset or --spec, not both.");
        }
        ExperimentSpec base;
        if (specFile != null) {
            base = SpecJson.read(specFile);
        } else {
            try {
                base = Presets.load(preset == null ? Presets.DEFAULT : preset);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Invalid --preset: " + e.getMessage());
            }
        }
        ExperimentSpec original = base;
        List<String> problems = new ArrayList<>();
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (Setting<?> s : Settings.ALL) {
            String value = parsed.matchedOptionValue(s.option(), null);
            if (value != null) {
                try {
                    base = s.parseInto(base, value);
                } catch (IllegalArgumentException e) {
                    problems.add(s.option() + ": " + e.getMessage());
                }
            }
        }
        if (problems.isEmpty()) {
            base.problemsBySetting().forEach((s, p) -> problems.add(p));
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid settings:\n  - "
                    + String.join("\n  - ", problems));
        }
        return base.editedFrom(original);
    }

    /** The experiment to run: preset or spec file, with the command line's settings applied. */
    public ExperimentSpec experiment() {
        return experiment;
    }

    /** Where results go: --output, checked (see {@link OutputFolder#given}), or a new runs/&lt;date-time&gt; folder. */
    public OutputFolder claimOutput() throws java.io.IOException {
        return output != null ? OutputFolder.given(output, overwrite) : OutputFolder.newUnder(DEFAULT_PARENT);
    }

    /** Where a comparison goes: --output, checked, or a new runs/compare-&lt;date-time&gt; folder. */
    public OutputFolder claimComparisonOutput() throws java.io.IOException {
        return output != null ? OutputFolder.given(output, overwrite) : OutputFolder.newUnder(DEFAULT_PARENT, "compare-");
    }

    /** The folder under which default output folders are made. */
    public static final Path DEFAULT_PARENT = Path.of("runs");

    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"BN Lab " + Versions.bnlab(), "Deeplearning4j " + Versions.dl4j() + ", ND4J "
                    + Versions.nd4j() + ", Java " + System.getProperty("java.version")};
        }
    }
}
