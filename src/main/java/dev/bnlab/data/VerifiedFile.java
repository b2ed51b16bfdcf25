package dev.bnlab.data;

/** A data file that passed verification: its name, size and SHA-256, as recorded in {@code summary.json}. */
public record VerifiedFile(String fileName, long bytes, String sha256) {
}
