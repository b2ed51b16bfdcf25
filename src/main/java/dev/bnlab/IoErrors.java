package dev.bnlab;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns file and network exceptions into short sentences for users ("permission denied: /x"). */
public final class IoErrors {
    private IoErrors() {
    }

    public static String describe(Throwable e) {
        if (e instanceof DescribedIOException) {
            return e.getMessage();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or folder: " + n.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT) + ": " + f.getFile();
        }
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return type;
        }
        return type.equals("IOException") || type.equals("MnistDataException") || type.equals("UncheckedIOException")
                ? message : type + ": " + message;
    }
}
