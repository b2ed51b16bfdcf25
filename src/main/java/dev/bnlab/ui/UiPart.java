package dev.bnlab.ui;

import javafx.fxml.FXMLLoader;
import javafx.scene.Node;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A part of the window with its own FXML, named after the class ({@code ChartPane.fxml} for {@code ChartPane}),
 * the part itself being the FXML's controller. After se-edu/addressbook-level3's {@code UiPart}.
 */
abstract class UiPart<T extends Node> {
    private final T root;

    protected UiPart() {
        FXMLLoader loader = new FXMLLoader(getClass().getResource(getClass().getSimpleName() + ".fxml"));
        loader.setController(this);
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + getClass().getSimpleName() + ".fxml", e);
        }
    }

    public T getRoot() {
        return root;
    }
}
