package dev.bnlab;

import java.io.IOException;

/** An I/O failure whose message is already a sentence for users: {@link IoErrors#describe} shows it as it is. */
public class DescribedIOException extends IOException {
    public DescribedIOException(String message) {
        super(message);
    }

    public DescribedIOException(String message, Throwable cause) {
        super(message, cause);
    }
}
