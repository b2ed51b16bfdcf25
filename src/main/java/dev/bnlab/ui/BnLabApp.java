package dev.bnlab.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.IOException;

/** The JavaFX application: one window, the dashboard. Closing it stops training and ends the program. */
public final class BnLabApp extends Application {
    private static volatile DashboardController current;
    private DashboardController controller;

    /** Stops any training in the open window (SIGTERM / Ctrl-C); safe from any thread. */
    public static void stopTraining() {
        DashboardController c = current;
        if (c != null) {
            c.shutdown();
        }
    }

    @Override
    public void start(Stage stage) throws IOException {
        controller = show(stage, LaunchSettings.current());
        current = controller;
        stage.setOnCloseRequest(e -> {
            controller.shutdown();
            Platform.exit();
        });
        controller.afterShow();
    }

    /** Builds the dashboard into {@code stage} and shows it; returns its controller. */
    static DashboardController show(Stage stage, LaunchSettings settings) throws IOException {
        FXMLLoader loader = new FXMLLoader(BnLabApp.class.getResource("MainWindow.fxml"));
        Parent root = loader.load();
        DashboardController dashboard = loader.getController();
        dashboard.init(settings, stage);
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(BnLabApp.class.getResource("bnlab.css").toExternalForm());
        stage.setTitle("BN Lab: Batch Normalization, live");
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        stage.show();
        return dashboard;
    }

    @Override
    public void stop() {
        if (controller != null) {
            controller.shutdown();
        }
    }
}
