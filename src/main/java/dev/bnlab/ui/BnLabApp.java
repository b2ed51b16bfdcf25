package dev.bnlab.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: one window. Closing it stops training and ends the program. */
public final class BnLabApp extends Application {
    private static volatile MainWindow current;
    private MainWindow window;

    /** Stops any training in the open window (SIGTERM / Ctrl-C); safe from any thread. */
    public static void stopTraining() {
        MainWindow w = current;
        if (w != null) {
            w.shutdown();
        }
    }

    @Override
    public void start(Stage stage) {
        window = show(stage, LaunchSettings.current());
        current = window;
        stage.setOnCloseRequest(e -> {
            window.shutdown();
            Platform.exit();
        });
        window.afterShow();
    }

    /** Builds the window into {@code stage} and shows it. */
    static MainWindow show(Stage stage, LaunchSettings settings) {
        MainWindow window = new MainWindow(settings, stage);
        Scene scene = new Scene(window.getRoot(), 1280, 800);
        scene.getStylesheets().add(BnLabApp.class.getResource("bnlab.css").toExternalForm());
        stage.setTitle("BN Lab: Batch Normalization, live");
        stage.setScene(scene);
        stage.setMinWidth(1024);
        stage.setMinHeight(640);
        stage.show();
        return window;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
    }
}
