package dev.bnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.RunHistory;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.experiment.RunStatus;
import dev.bnlab.probe.HiddenLayerProbe;
import dev.bnlab.probe.LayerHealth;
import dev.bnlab.probe.ProbePoint;
import dev.bnlab.probe.ProbeSite;
import dev.bnlab.probe.SiteDistribution;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.RunSpec;
import dev.bnlab.spec.SpecException;
import dev.bnlab.spec.SpecJson;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a results folder back into the {@link ExperimentResult} that wrote it: the spec and every run's outcome
 * from summary.json, every loss from metrics.csv, and, when present, what the probes measured from
 * accuracy.csv, activations.csv and health.csv. Analyses and charts then come from the same code as for an
 * experiment just run. What the CSVs do not keep stays unknown: epoch times, every unit's percentiles but the
 * followed one (NaN), the distributions' means and sds (NaN).
 */
public final class ResultsReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultsReader() {
    }

    /** An experiment read from {@code dir}. */
    public record OpenedResults(Path dir, ExperimentResult result, String writtenBy) {
        /** A short name for legends: the folder's name. */
        public String label() {
            Path name = dir.toAbsolutePath().normalize().getFileName();
            return name == null ? dir.toString() : name.toString();
        }
    }

    /** A folder that cannot be opened, with a sentence saying why. */
    public static final class UnreadableResults extends Exception {
        public UnreadableResults(String message) {
            super(message);
        }
    }

    /** Reads {@code dir} (a results folder, or its summary.json). */
    public static OpenedResults read(Path dir) throws UnreadableResults {
        if (Files.isRegularFile(dir) && dir.getFileName().toString().equals(ResultsWriter.SUMMARY)) {
            dir = dir.toAbsolutePath().getParent();
        }
        Path summaryFile = dir.resolve(ResultsWriter.SUMMARY);
        if (!Files.isDirectory(dir)) {
            throw new UnreadableResults(dir + ": no such folder");
        }
        if (!Files.isRegularFile(summaryFile)) {
            if (Files.isRegularFile(dir.resolve(ExperimentsCompared.CSV))) {
                throw new UnreadableResults(dir + " holds a comparison (compare.csv), not an experiment: open the"
                        + " experiments' own folders (compare.csv lists them)");
            }
            throw new UnreadableResults(dir + " holds no summary.json: it is not a BN Lab results folder");
        }
        JsonNode summary;
        String text;
        try {
            text = Files.readString(summaryFile);
            summary = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UnreadableResults(summaryFile + ": cannot be read (" + dev.bnlab.IoErrors.describe(e) + ")");
        }
        if (summary == null || !summary.isObject()) {
            throw new UnreadableResults(summaryFile + ": not a BN Lab summary (no JSON object)");
        }
        checkSchema(summaryFile, summary);
        ExperimentSpec spec;
        try {
            spec = SpecJson.parse(text, summaryFile.toString());
        } catch (SpecException e) {
            throw new UnreadableResults(e.getMessage());
        }
        List<RunSpec> runs = spec.expand();
        List<RunResult> results = runResults(summaryFile, summary.path("runs"), runs, spec);
        List<RunHistory> histories = histories(dir, spec, runs, results);
        results = exact(results, histories);
        if (Files.isRegularFile(dir.resolve(ProbeFiles.ACCURACY_CSV))) {
            readProbes(dir, spec, runs, histories);
        }
        ExperimentResult.Status status;
        try {
            status = ExperimentResult.Status.valueOf(summary.path("status").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UnreadableResults(summaryFile + ": unknown status \"" + summary.path("status").asText() + "\"");
        }
        Instant started;
        try {
            started = Instant.parse(summary.path("started_at").asText());
        } catch (RuntimeException e) {
            started = Instant.EPOCH;
        }
        String message = summary.hasNonNull("message") ? summary.get("message").asText() : null;
        ExperimentResult result = new ExperimentResult(spec, status, results, histories, started,
                summary.path("wall_seconds").asDouble(Double.NaN), message);
        return new OpenedResults(dir, result, summary.path("environment").path("bnlab").asText("unknown"));
    }

    private static void checkSchema(Path file, JsonNode summary) throws UnreadableResults {
        if (!summary.has("schema_version")) {
            if (summary.has("config") && summary.has("runs")) {
                throw new UnreadableResults(file + " was written by an older BN Lab (summary schema version 1,"
                        + " before experiments had specs). This BN Lab opens schema version " + SummaryJson.SCHEMA_VERSION
                        + "; run the experiment again with the settings under \"config\" as options.");
            }
            throw new UnreadableResults(file + " has no schema_version: it is not a BN Lab summary");
        }
        int version = summary.path("schema_version").asInt(-1);
        if (version != SummaryJson.SCHEMA_VERSION) {
            throw new UnreadableResults(file + " has summary schema version " + version + "; this BN Lab opens"
                    + " version " + SummaryJson.SCHEMA_VERSION + (version > SummaryJson.SCHEMA_VERSION
                    ? ": it was written by a newer BN Lab (" + summary.path("environment").path("bnlab").asText("?")
                    + "). Update BN Lab to open it." : "."));
        }
    }

    private static List<RunResult> runResults(Path file, JsonNode entries, List<RunSpec> runs, ExperimentSpec spec)
            throws UnreadableResults {
        if (!entries.isArray() || entries.size() != runs.size()) {
            throw new UnreadableResults(file + ": its spec makes " + runs.size() + " runs but it lists "
                    + entries.size() + "; the file was changed by hand, or is damaged");
        }
        List<RunResult> results = new ArrayList<>();
        for (RunSpec run : runs) {
            JsonNode e = entries.get(run.index());
            if (!e.path("variant").asText().equals(run.variant().name()) || e.path("seed").asLong() != run.seed()) {
                throw new UnreadableResults(file + ": run " + (run.index() + 1) + " is \"" + e.path("variant").asText()
                        + "\", seed " + e.path("seed").asText() + ", but its spec says \"" + run.variant().name()
                        + "\", seed " + run.seed());
            }
            RunStatus status;
            try {
                status = RunStatus.valueOf(e.path("status").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException bad) {
                throw new UnreadableResults(file + ": run " + (run.index() + 1) + " has unknown status \""
                        + e.path("status").asText() + "\"");
            }
            results.add(new RunResult(run, status, number(e, "test_accuracy"), e.path("test_examples").asInt(),
                    number(e, "final_loss"), number(e, "training_seconds"), number(e, "probe_seconds"),
                    e.path("iterations").asInt(), e.hasNonNull("message") ? e.get("message").asText() : null));
        }
        return results;
    }

    /**
     * summary.json rounds to 6 digits; the numbers behind them are recomputed as the run computed them: accuracy
     * is correct ÷ examples, the final loss the mean of the last 100 losses (as {@code RunTrainer} takes it).
     */
    private static List<RunResult> exact(List<RunResult> rounded, List<RunHistory> histories) {
        List<RunResult> exact = new ArrayList<>();
        for (RunResult r : rounded) {
            double accuracy = r.testAccuracy();
            if (!Double.isNaN(accuracy) && r.testExamples() > 0) {
                accuracy = Math.round(accuracy * r.testExamples()) / (double) r.testExamples();
            }
            RunHistory h = histories.get(r.run().index());
            double loss = Double.isNaN(r.finalScore()) || h.size() == 0 ? r.finalScore() : h.recentMean(100);
            exact.add(new RunResult(r.run(), r.status(), accuracy, r.testExamples(), loss, r.trainingSeconds(),
                    r.probeSeconds(), r.iterations(), r.message()));
        }
        return exact;
    }

    private static double number(JsonNode e, String field) {
        JsonNode n = e.get(field);
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    /** The key metrics.csv and the probe CSVs name a run by: variant, value of the sweep (if any), seed. */
    private static String key(String variant, String value, String seed) {
        return variant + '\u0000' + value + '\u0000' + seed;
    }

    private static Map<String, Integer> runKeys(ExperimentSpec spec, List<RunSpec> runs) {
        Map<String, Integer> keys = new HashMap<>();
        for (RunSpec r : runs) {
            String value = spec.sweep().active() ? spec.sweep().valueText(r.sweepIndex()) : "";
            keys.put(key(r.variant().name(), value, Long.toString(r.seed())), r.index());
        }
        return keys;
    }

    private static int runOf(CSVRecord row, ExperimentSpec spec, Map<String, Integer> keys, Path file)
            throws UnreadableResults {
        String value = spec.sweep().active() ? row.get(1) : "";
        int seedColumn = spec.sweep().active() ? 2 : 1;
        Integer run = keys.get(key(row.get(0), value, row.get(seedColumn)));
        if (run == null) {
            throw new UnreadableResults(file + ", line " + row.getRecordNumber() + ": no run of the experiment is \""
                    + row.get(0) + "\"" + (value.isEmpty() ? "" : " at " + value) + ", seed " + row.get(seedColumn));
        }
        return run;
    }

    private interface Rows {
        void row(int run, CSVRecord record) throws UnreadableResults;
    }

    private static void readCsv(Path file, String[] header, ExperimentSpec spec, List<RunSpec> runs, Rows rows)
            throws UnreadableResults {
        String[] expected = MetricsCsv.header(header, spec.sweep());
        Map<String, Integer> keys = runKeys(spec, runs);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            if (!csv.getHeaderNames().equals(Arrays.asList(expected))) {
                throw new UnreadableResults(file + ": columns " + csv.getHeaderNames() + ", expected "
                        + Arrays.asList(expected));
            }
            for (CSVRecord record : csv) {
                try {
                    rows.row(runOf(record, spec, keys, file), record);
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new UnreadableResults(file + ", line " + record.getRecordNumber() + ": " + e.getMessage());
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UnreadableResults(file + " is missing: the results folder is incomplete");
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new UnreadableResults(file + ": cannot be read (" + dev.bnlab.IoErrors.describe(e) + ")");
        }
    }

    /** metrics.csv: every run's losses in order; an epoch ends where the epoch column moves on. */
    private static List<RunHistory> histories(Path dir, ExperimentSpec spec, List<RunSpec> runs, List<RunResult> results)
            throws UnreadableResults {
        List<RunHistory> histories = new ArrayList<>();
        for (RunSpec r : runs) {
            histories.add(new RunHistory(r.label()));
        }
        int[] epochOf = new int[runs.size()];
        Arrays.fill(epochOf, 1);
        Path file = dir.resolve(ResultsWriter.METRICS);
        int epochColumn = spec.sweep().active() ? 3 : 2;
        readCsv(file, MetricsCsv.HEADER, spec, runs, (run, row) -> {
            int epoch = Integer.parseInt(row.get(epochColumn));
            RunHistory h = histories.get(run);
            while (epochOf[run] < epoch) {
                h.endEpoch(Double.NaN);
                epochOf[run]++;
            }
            h.addScore(Float.parseFloat(row.get(epochColumn + 2)));
        });
        for (RunSpec r : runs) { // a run that trained all its epochs closed its last one too
            RunHistory h = histories.get(r.index());
            int epochs = spec.sweep().apply(spec, r.sweepIndex()).hyperparameters().epochs();
            if (results.get(r.index()).status() == RunStatus.FINISHED && h.size() > 0 && h.epochEnds().length < epochs) {
                h.endEpoch(Double.NaN);
            }
        }
        return histories;
    }

    /** The probe CSVs, into each run's probe points (in iteration order). */
    private static void readProbes(Path dir, ExperimentSpec spec, List<RunSpec> runs, List<RunHistory> histories)
            throws UnreadableResults {
        int lead = spec.sweep().active() ? 3 : 2; // variant, [value], seed
        List<Map<Integer, PointBuilder>> points = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            points.add(new TreeMap<>());
        }
        readCsv(dir.resolve(ProbeFiles.ACCURACY_CSV), ProbeFiles.ACCURACY_HEADER, spec, runs, (run, row) -> {
            int iteration = Integer.parseInt(row.get(lead + 1));
            points.get(run).put(iteration, new PointBuilder(iteration, Integer.parseInt(row.get(lead)),
                    Double.parseDouble(row.get(lead + 2))));
        });
        List<Integer> units = spec.hyperparameters().hiddenUnits();
        Path activations = dir.resolve(ProbeFiles.ACTIVATIONS_CSV);
        readCsv(activations, ProbeFiles.ACTIVATIONS_HEADER, spec, runs, (run, row) -> {
            PointBuilder p = point(points, run, row, lead, activations);
            int layer = Integer.parseInt(row.get(lead + 2));
            if (layer < 1 || layer > units.size()) {
                throw new UnreadableResults(activations + ", line " + row.getRecordNumber() + ": no hidden layer " + layer);
            }
            ProbeSite site = site(row.get(lead + 3), activations, row);
            float[] values = {Float.parseFloat(row.get(lead + 5)), Float.parseFloat(row.get(lead + 6)),
                    Float.parseFloat(row.get(lead + 7))};
            Site s = p.layers.computeIfAbsent(layer, l -> new LinkedHashMap<>())
                    .computeIfAbsent(site, k -> new Site(units.get(layer - 1)));
            String unit = row.get(lead + 4);
            if (unit.equals("all")) {
                s.pooled = values;
            } else {
                int u = Integer.parseInt(unit);
                if (u < 0 || u >= s.units.length / 3) {
                    throw new UnreadableResults(activations + ", line " + row.getRecordNumber() + ": no unit " + u);
                }
                System.arraycopy(values, 0, s.units, 3 * u, 3);
            }
        });
        Path health = dir.resolve(ProbeFiles.HEALTH_CSV);
        readCsv(health, ProbeFiles.HEALTH_HEADER, spec, runs, (run, row) ->
                point(points, run, row, lead, health).health.add(new LayerHealth(row.get(lead + 2),
                        Double.parseDouble(row.get(lead + 3)), Double.parseDouble(row.get(lead + 4)),
                        Double.parseDouble(row.get(lead + 5)), Double.parseDouble(row.get(lead + 6)))));
        for (int r = 0; r < runs.size(); r++) {
            for (PointBuilder p : points.get(r).values()) {
                histories.get(r).addProbe(p.build());
            }
        }
    }

    private static PointBuilder point(List<Map<Integer, PointBuilder>> points, int run, CSVRecord row, int lead, Path file)
            throws UnreadableResults {
        int iteration = Integer.parseInt(row.get(lead + 1));
        PointBuilder p = points.get(run).get(iteration);
        if (p == null) {
            throw new UnreadableResults(file + ", line " + row.getRecordNumber() + ": iteration " + iteration
                    + " is not in " + ProbeFiles.ACCURACY_CSV);
        }
        return p;
    }

    private static ProbeSite site(String key, Path file, CSVRecord row) throws UnreadableResults {
        for (ProbeSite s : ProbeSite.values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new UnreadableResults(file + ", line " + row.getRecordNumber() + ": unknown site \"" + key + "\"");
    }

    /** One site's percentiles as the CSV keeps them: pooled and the followed unit; the other units unknown. */
    private static final class Site {
        final float[] units;
        float[] pooled = {Float.NaN, Float.NaN, Float.NaN};

        Site(int unitCount) {
            units = new float[3 * unitCount];
            Arrays.fill(units, Float.NaN);
        }
    }

    private static final class PointBuilder {
        final int iteration;
        final int epoch;
        final double accuracy;
        final Map<Integer, Map<ProbeSite, Site>> layers = new TreeMap<>();
        final List<LayerHealth> health = new ArrayList<>();

        PointBuilder(int iteration, int epoch, double accuracy) {
            this.iteration = iteration;
            this.epoch = epoch;
            this.accuracy = accuracy;
        }

        ProbePoint build() {
            List<HiddenLayerProbe> hidden = new ArrayList<>();
            layers.forEach((layer, sites) -> {
                List<SiteDistribution> distributions = new ArrayList<>();
                sites.forEach((site, s) -> distributions.add(
                        new SiteDistribution(site, s.units, s.pooled, Double.NaN, Double.NaN)));
                hidden.add(new HiddenLayerProbe(layer, distributions.get(0).units(), distributions));
            });
            return new ProbePoint(iteration, epoch, accuracy, hidden, health);
        }
    }
}
