package dev.bnlab.cli;

import dev.bnlab.IoErrors;
import dev.bnlab.analysis.SampleSummary;
import dev.bnlab.report.ExperimentsCompared;
import dev.bnlab.report.OutputFolder;
import dev.bnlab.report.ResultsReader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --compare DIR1 DIR2 … --no-gui}: reads past experiments' results folders, prints each variant's
 * accuracy and each experiment's verdicts, and writes the overlaid loss chart and a table (compare.png,
 * compare.svg, compare.csv) into the output folder.
 */
public final class HeadlessComparison {
    private HeadlessComparison() {
    }

    /** Every folder read, or null after saying on {@code err} which one cannot be and why. */
    public static List<ResultsReader.OpenedResults> read(List<Path> folders, PrintStream err) {
        List<ResultsReader.OpenedResults> opened = new ArrayList<>();
        for (Path folder : folders) {
            try {
                opened.add(ResultsReader.read(folder));
            } catch (ResultsReader.UnreadableResults e) {
                err.println("Error: " + e.getMessage());
                return null;
            }
        }
        return opened;
    }

    /** {@code --compare DIR… --no-gui}, into --output or a new runs/compare-&lt;date-time&gt;. */
    public static int run(BnLabCommand command, PrintStream out, PrintStream err) {
        return run(command.compare, command.output, command::claimComparisonOutput, out, err);
    }

    static int run(List<Path> folders, Path explicitOutput, HeadlessExperiment.Claim output, PrintStream out,
                   PrintStream err) {
        List<ResultsReader.OpenedResults> opened = read(folders, err);
        if (opened == null) {
            return ExitCodes.USAGE;
        }
        for (Path folder : folders) {
            if (explicitOutput != null && sameFolder(folder, explicitOutput)) {
                err.println("Error: --output " + explicitOutput + " is one of the folders compared: the comparison"
                        + " goes into a folder of its own (leave --output out for a new runs/compare-<date-time>).");
                return ExitCodes.USAGE;
            }
        }
        ExperimentsCompared compared = new ExperimentsCompared(opened);
        print(out, compared);
        OutputFolder folder = HeadlessExperiment.claim(output, err);
        if (folder == null) {
            return ExitCodes.OUTPUT;
        }
        try {
            List<String> files = compared.writeAll(folder.dir());
            folder.removeLeftovers();
            out.println("Comparison: " + folder.dir().toAbsolutePath() + " (" + String.join(", ", files) + ")");
        } catch (IOException e) {
            err.println("Error: cannot write the comparison to " + folder.dir().toAbsolutePath() + " ("
                    + IoErrors.describe(e) + ").");
            return ExitCodes.OUTPUT;
        } finally {
            folder.release();
        }
        return ExitCodes.OK;
    }

    private static boolean sameFolder(Path a, Path b) {
        try {
            return java.nio.file.Files.exists(b) && java.nio.file.Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    static void print(PrintStream out, ExperimentsCompared compared) {
        out.println();
        for (int e = 0; e < compared.experiments().size(); e++) {
            ResultsReader.OpenedResults r = compared.experiments().get(e);
            out.printf(Locale.ROOT, "%s: %s, %s, %d run%s (%s)%n", compared.labels().get(e), r.result().spec().name(),
                    r.result().status().label(), r.result().runs().size(), r.result().runs().size() == 1 ? "" : "s",
                    r.dir().toAbsolutePath().normalize());
        }
        List<ExperimentsCompared.Row> rows = compared.rows();
        int w = Math.max(7, rows.stream().mapToInt(r -> r.name().length()).max().orElse(7));
        String format = "%-" + w + "s  %9s  %13s  %19s%n";
        out.println();
        out.printf(Locale.ROOT, format, "variant", "evaluated", "test accuracy", "95 % CI");
        for (ExperimentsCompared.Row r : rows) {
            SampleSummary a = r.accuracy();
            out.printf(Locale.ROOT, format, r.name(), r.evaluated() + " of " + r.runs(),
                    a.n() > 0 ? String.format(Locale.ROOT, "%.2f %%", 100 * a.mean()) : "-",
                    a.n() > 1 ? String.format(Locale.ROOT, "%.2f to %.2f %%", 100 * a.ciLow(), 100 * a.ciHigh()) : "-");
        }
        out.println();
        out.println("Verdicts (seeds are paired within an experiment, never across two):");
        for (String v : compared.verdicts()) {
            out.println("  " + v);
        }
    }
}
