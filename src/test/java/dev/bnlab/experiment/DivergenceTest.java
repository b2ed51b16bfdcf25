package dev.bnlab.experiment;

import dev.bnlab.data.RealMnist;
import dev.bnlab.spec.ExperimentSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A learning rate that blows up one network stops that run as diverged; the other run carries on. */
class DivergenceTest {

    @Test
    void theRunWhoseLossBlowsUpIsMarkedDivergedAndTheOtherFinishes() throws Exception {
        ExperimentSpec config = TestSpecs.with(TestSpecs.slice(3_200, 500, 2), h -> h.withLearningRate(LR));
        ExperimentRunner runner = new ExperimentRunner(config, RealMnist.data());
        List<ExperimentEvent> events = Collections.synchronizedList(new ArrayList<>());
        runner.subscribe(events::add);

        ExperimentResult result = runner.run();

        // at lr 3 (seed 123) the BN network's loss becomes NaN within its first epoch; the plain one stays finite
        RunResult plain = result.runs().get(0);
        RunResult bn = result.runs().get(1);
        assertThat(bn.status()).isEqualTo(RunStatus.DIVERGED);
        assertThat(bn.message()).contains("loss became");
        assertThat(bn.evaluated()).isFalse();
        assertThat(bn.iterations()).isLessThan(config.hyperparameters().totalIterations());
        assertThat(plain.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(plain.iterations()).isEqualTo(config.hyperparameters().totalIterations());
        assertThat(plain.evaluated()).isTrue();
        assertThat(result.status()).isEqualTo(ExperimentResult.Status.FINISHED);
        assertThat(events).filteredOn(e -> e instanceof ExperimentEvent.RunDiverged d && d.run() == 1).hasSize(1);
        assertThat(events).filteredOn(e -> e instanceof ExperimentEvent.RunEvaluated r && r.run() == 1).isEmpty();
        float[] scores = result.histories().get(1).scores();
        assertThat(Float.isFinite(scores[scores.length - 1])).isFalse(); // the blow-up itself is recorded
    }

    static final double LR = 3.0;
}
