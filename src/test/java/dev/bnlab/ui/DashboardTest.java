package dev.bnlab.ui;

import dev.bnlab.data.RealMnist;
import dev.bnlab.experiment.ExperimentConfig;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.RunStatus;
import dev.bnlab.experiment.TrainingThreadsEnded;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The real window on JavaFX's headless Monocle platform, training on real MNIST. */
@ExtendWith(ApplicationExtension.class)
class DashboardTest {
    private DashboardController dashboard;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) throws Exception {
        ExperimentConfig config = ExperimentConfig.defaults().withTestExamples(1_000);
        dashboard = BnLabApp.show(stage, new LaunchSettings(config, RealMnist.data().directory(), null, false));
    }

    @AfterEach
    void stopTraining() {
        dashboard.shutdown();
    }

    private <T> T onFx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
    }

    private void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition));
    }

    /** Sets the slice, clicks Start and waits for the experiment to end. */
    private void runToTheEnd(FxRobot robot, int trainExamples, int epochs, int testExamples) throws Exception {
        setField(robot, "#trainExamplesField", Integer.toString(trainExamples));
        setField(robot, "#epochsField", Integer.toString(epochs));
        setField(robot, "#testExamplesField", Integer.toString(testExamples));
        robot.clickOn("#startButton");
        waitUntil(60, () -> dashboard.state() == DashboardController.State.ENDED);
    }

    private void setField(FxRobot robot, String id, String text) {
        TextField field = robot.lookup(id).queryAs(TextField.class);
        robot.interact(() -> field.setText(text));
    }

    @Test
    void startDrawsBothRunsLiveAndStopEndsTrainingKeepingTheCurves(FxRobot robot) throws Exception {
        robot.clickOn("#startButton");

        waitUntil(60, () -> dashboard.chart().pointsInSeries(2) > 5 && dashboard.chart().pointsInSeries(3) > 5);
        assertThat(onFx(() -> robot.lookup("#epochsField").queryAs(TextField.class).isDisabled())).isTrue();
        assertThat(onFx(() -> robot.lookup("#startButton").queryButton().isDisabled())).isTrue();

        robot.clickOn("#stopButton");
        waitUntil(5, () -> dashboard.state() == DashboardController.State.ENDED);

        ExperimentResult result = onFx(() -> dashboard.result());
        assertThat(result.status()).isEqualTo(ExperimentResult.Status.STOPPED);
        assertThat(result.runs()).allMatch(r -> r.status() == RunStatus.STOPPED && r.iterations() > 5);
        int iterations = result.histories().get(0).size();
        TrainingThreadsEnded.within(2);
        Thread.sleep(300);
        assertThat(dashboard.session().runner().histories().get(0).size()).isEqualTo(iterations);
        assertThat(onFx(() -> dashboard.chart().pointsInSeries(2))).isPositive(); // the curves stay
        assertThat(onFx(() -> robot.lookup("#epochsField").queryAs(TextField.class).isDisabled())).isFalse();
    }

    @Test
    void aShortRunShowsBothAccuraciesAndExportsThePng(FxRobot robot) throws Exception {
        runToTheEnd(robot, 1_280, 2, 500);

        assertThat(onFx(() -> dashboard.result().status())).isEqualTo(ExperimentResult.Status.FINISHED);
        for (int run = 0; run < 2; run++) {
            int r = run;
            String shown = onFx(() -> dashboard.accuracyText(r));
            double accuracy = onFx(() -> dashboard.result().runs().get(r).testAccuracy());
            assertThat(shown).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f %%", 100 * accuracy));
            assertThat(accuracy).isGreaterThan(0.5);
        }
        assertThat(onFx(() -> robot.lookup("#exportDataButton").queryButton().isDisabled())).isFalse();

        Path png = dir.resolve("chart.png");
        robot.interact(() -> dashboard.exportPng(png));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1600);
        assertThat(image.getHeight()).isEqualTo(900);

        Path results = dir.resolve("results");
        robot.interact(() -> dashboard.exportResults(results));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(results.resolve("summary.json")));
        assertThat(Files.readAllLines(results.resolve("metrics.csv"))).hasSize(1 + 2 * 40);
    }

    @Test
    void anInvalidSettingIsShownNextToItsFieldAndNothingStarts(FxRobot robot) throws Exception {
        setField(robot, "#epochsField", "0");
        setField(robot, "#momentumField", "abc");

        robot.clickOn("#startButton");

        assertThat(onFx(() -> dashboard.state())).isEqualTo(DashboardController.State.IDLE);
        assertThat(onFx(() -> dashboard.errorText(ExperimentConfig.Setting.EPOCHS))).contains("between 1 and 1000");
        assertThat(onFx(() -> dashboard.errorText(ExperimentConfig.Setting.MOMENTUM))).contains("must be a number");
        assertThat(onFx(() -> dashboard.errorText(ExperimentConfig.Setting.BATCH_SIZE))).isEmpty();
        assertThat(onFx(() -> dashboard.session())).isNull();
    }

    @Test
    void uiUpdatesAreCoalescedToAtMostOnePerFrame(FxRobot robot) throws Exception {
        AtomicInteger frames = new AtomicInteger();
        javafx.animation.AnimationTimer counter = new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                frames.incrementAndGet();
            }
        };
        robot.interact(counter::start);
        setField(robot, "#trainExamplesField", "6400");
        setField(robot, "#epochsField", "2");
        setField(robot, "#testExamplesField", "500");
        int before = onFx(() -> dashboard.uiUpdates());
        int framesBefore = frames.get();

        robot.clickOn("#startButton");
        waitUntil(90, () -> dashboard.state() == DashboardController.State.ENDED);
        robot.interact(counter::stop);

        int updates = onFx(() -> dashboard.uiUpdates()) - before;
        int framesSeen = frames.get() - framesBefore;
        int scoreEvents = 2 * onFx(() -> dashboard.result().histories().get(0).size());
        assertThat(scoreEvents).isEqualTo(2 * 200);
        assertThat(updates).isPositive().isLessThanOrEqualTo(framesSeen + 2);
        assertThat(updates).isLessThan(scoreEvents);
    }

    @Test
    void doubleClickingStartStartsOneExperiment(FxRobot robot) throws Exception {
        setField(robot, "#trainExamplesField", "640");
        setField(robot, "#epochsField", "1");
        robot.interact(() -> {
            dashboard.onStart();
            ExperimentSession first = dashboard.session();
            dashboard.onStart();
            assertThat(dashboard.session()).isSameAs(first);
        });
        waitUntil(60, () -> dashboard.state() == DashboardController.State.ENDED);
        assertThat(onFx(() -> dashboard.result().histories().get(0).size())).isEqualTo(10);
    }


    @Test
    void fiftyStartStopCyclesInTheWindowLeakNeitherThreadsNorMemory(FxRobot robot) throws Exception {
        setField(robot, "#trainExamplesField", "6400");
        for (int i = 0; i < 15; i++) {
            // warm-up: ND4J's service threads, the pooled training threads, the JIT, the allocators' caches
            startThenStop(robot, false);
        }
        long threadsBefore = liveThreads();
        double[] before = heapAndRssMb();
        for (int i = 0; i < 50; i++) {
            startThenStop(robot, false);
        }
        long threadsAfter = liveThreads();
        double[] after = heapAndRssMb();

        System.out.printf(java.util.Locale.ROOT, "Window, 50 Start/Stop cycles: threads %d -> %d, heap used %.1f -> %.1f MB,"
                + " RSS %.0f -> %.0f MB%n", threadsBefore, threadsAfter, before[0], after[0], before[1], after[1]);
        assertThat(threadsAfter).as("live threads").isLessThanOrEqualTo(threadsBefore + 1);
        // old sessions, listeners, event queues or chart data kept alive would show here
        assertThat(after[0] - before[0]).as("heap growth, MB").isLessThan(16);
        assertThat(after[1] - before[1]).as("resident memory growth, MB").isLessThan(150);
    }

    @Test
    void closingTheWindowMidRunWritesWhatWasRecordedToOutput(FxRobot robot) throws Exception {
        Path output = dir.resolve("out");
        ExperimentConfig config = ExperimentConfig.defaults().withTrainExamples(6_400).withTestExamples(500);
        Stage[] window = new Stage[1];
        DashboardController second = onFx(() -> {
            window[0] = new Stage();
            return BnLabApp.show(window[0], new LaunchSettings(config, RealMnist.data().directory(), output, false));
        });
        robot.interact(second::onStart);
        waitUntil(60, () -> second.state() == DashboardController.State.RUNNING
                && second.session().runner().histories().get(1).size() > 20);

        long t0 = System.nanoTime();
        second.shutdown(); // what closing the window and SIGTERM do, here from a non-FX thread like the signal's
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertThat(seconds).isLessThan(3.0);
        com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(output.resolve("summary.json").toFile());
        assertThat(summary.path("status").asText()).isEqualTo("stopped");
        for (com.fasterxml.jackson.databind.JsonNode run : summary.path("runs")) {
            assertThat(run.path("status").asText()).isEqualTo("stopped");
            assertThat(run.path("iterations").asInt()).isGreaterThan(15).isLessThan(200);
        }
        assertThat(Files.readAllLines(output.resolve("metrics.csv")).size()).isGreaterThan(1 + 2 * 15);
        assertThat(output.resolve("loss.png")).isNotEmptyFile();
        robot.interact(() -> window[0].close());
    }

    @Test
    void aStopDuringStartUpEndsWithinASecond(FxRobot robot) throws Exception {
        robot.interact(() -> {
            dashboard.onStart();
            dashboard.onStop(); // before the data is even checked
        });
        long t0 = System.nanoTime();
        waitUntil(5, () -> dashboard.state() == DashboardController.State.ENDED);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(1.0);
        TrainingThreadsEnded.within(1);
        // either stopped while preparing (nothing recorded) or an experiment stopped before its first batch
        ExperimentResult result = onFx(() -> dashboard.result());
        if (result == null) {
            assertThat(onFx(() -> dashboard.statusText())).startsWith("Stopped before training began");
        } else {
            assertThat(result.status()).isEqualTo(ExperimentResult.Status.STOPPED);
            assertThat(result.runs()).allMatch(r -> r.iterations() == 0);
        }
        assertThat(robot.lookup(".dialog-pane").tryQuery()).as("no error dialog").isEmpty();

        // and the window starts again normally
        setField(robot, "#trainExamplesField", "640");
        setField(robot, "#epochsField", "1");
        robot.clickOn("#startButton");
        waitUntil(60, () -> dashboard.state() == DashboardController.State.ENDED);
        assertThat(onFx(() -> dashboard.result().status())).isEqualTo(ExperimentResult.Status.FINISHED);
    }

    @Test
    void anExportThatCannotBeWrittenSaysSoAndKeepsTheResultsForAnotherPlace(FxRobot robot) throws Exception {
        runToTheEnd(robot, 640, 1, 500);
        Path notAFolder = Files.writeString(dir.resolve("a-file"), "x");

        robot.interact(() -> dashboard.exportResults(notAFolder.resolve("results")));
        waitUntil(10, () -> dashboard.statusText().startsWith("Export failed"));

        assertThat(onFx(() -> dashboard.statusText())).contains(notAFolder.toString())
                .contains("the results are still in memory");
        assertThat(robot.lookup(".dialog-pane").tryQuery()).as("an error dialog says so").isPresent();
        robot.interact(() -> robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class)
                .getScene().getWindow().hide());
        Path elsewhere = dir.resolve("elsewhere");
        robot.interact(() -> dashboard.exportResults(elsewhere));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(elsewhere.resolve("summary.json")));
        assertThat(Files.readAllLines(elsewhere.resolve("metrics.csv"))).hasSize(1 + 2 * 10);
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a-file", "elsewhere");
        }
    }

    /**
     * Start, wait for points, Stop. {@code click}: with the mouse; else the buttons are fired as the keyboard
     * does (TestFX keeps every synthesized mouse event, which would blur a memory measurement).
     */
    private void startThenStop(FxRobot robot, boolean click) throws Exception {
        if (click) {
            robot.clickOn("#startButton");
        } else {
            robot.interact(() -> robot.lookup("#startButton").queryButton().fire());
        }
        waitUntil(60, () -> dashboard.state() == DashboardController.State.RUNNING
                && dashboard.session().runner().histories().get(1).size() > 0);
        if (click) {
            robot.clickOn("#stopButton");
        } else {
            robot.interact(() -> robot.lookup("#stopButton").queryButton().fire());
        }
        waitUntil(10, () -> dashboard.state() == DashboardController.State.ENDED);
        assertThat(onFx(() -> dashboard.result().status())).isEqualTo(ExperimentResult.Status.STOPPED);
        TrainingThreadsEnded.within(3);
    }

    private static double[] heapAndRssMb() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return new double[]{
                java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6,
                org.bytedeco.javacpp.Pointer.physicalBytes() / 1e6};
    }

    private static long liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).count();
    }
}
