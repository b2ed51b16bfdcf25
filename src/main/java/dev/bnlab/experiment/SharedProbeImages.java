package dev.bnlab.experiment;

import dev.bnlab.data.MnistData;
import dev.bnlab.probe.ProbeImages;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The probe images of one experiment, read once by the first run that needs them and shared by all. */
final class SharedProbeImages {
    private final MnistData data;
    private final int examples;
    private ProbeImages images;

    SharedProbeImages(MnistData data, int examples) {
        this.data = data;
        this.examples = examples;
    }

    synchronized ProbeImages get() {
        if (images == null) {
            try {
                images = ProbeImages.load(data, examples);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the probe images: " + e.getMessage(), e);
            }
        }
        return images;
    }
}
