package dev.bnlab.data;

/**
 * What one data file must be: its name inside the data folder, exact size, SHA-256 (lower-case hex),
 * IDX kind and number of items.
 */
public record ExpectedFile(String fileName, long bytes, String sha256, IdxKind kind, int count) {
}
