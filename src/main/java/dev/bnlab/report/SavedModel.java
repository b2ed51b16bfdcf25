package dev.bnlab.report;

/** A run's model file as written: its path inside the results folder ({@code models/….zip}), SHA-256 and size. */
public record SavedModel(String file, String sha256, long bytes) {
}
