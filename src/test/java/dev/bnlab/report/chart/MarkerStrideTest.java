package dev.bnlab.report.chart;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every k-th epoch marker, k from 1, 2, 5, 10, 20, 50, …: the smallest that keeps markers minGap apart. */
class MarkerStrideTest {
    @Test
    void picksTheSmallestOneTwoFiveStrideThatKeepsTheGap() {
        assertThat(MarkerStride.of(2, 300, 90)).isEqualTo(1); // the notebook's 3 epochs: every boundary
        assertThat(MarkerStride.of(49, 640.0 / 50, 90)).isEqualTo(10); // paper-fig1's 50 epochs in the window
        assertThat(MarkerStride.of(49, 1400.0 / 50, 90)).isEqualTo(5); // and in a 1600 px file
        assertThat(MarkerStride.of(10, 60, 90)).isEqualTo(2);
        assertThat(MarkerStride.of(1, 1, 90)).isEqualTo(1);
        assertThat(MarkerStride.of(5, 0, 90)).isEqualTo(1);
    }
}
