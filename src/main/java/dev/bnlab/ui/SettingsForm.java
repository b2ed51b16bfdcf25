package dev.bnlab.ui;

import dev.bnlab.spec.BnPlacement;
import dev.bnlab.spec.Setting;
import dev.bnlab.spec.Settings;
import dev.bnlab.spec.ValueTypes;
import dev.bnlab.ui.model.SettingsFormModel;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings form, generated from {@link Settings#ALL}: one row per setting under its group's heading, a
 * text field for numbers and lists, a picker for choices, check boxes for the variants; the setting's help
 * and valid range as a tooltip, and its error underneath. Every edit goes to the {@link SettingsFormModel}.
 * Controls are named after their setting: {@code #epochsField}, {@code #epochsError}, …
 */
final class SettingsForm {
    private final SettingsFormModel model;
    private final ScrollPane root = new ScrollPane();
    private final Map<Setting<?>, Control> controls = new LinkedHashMap<>();
    private final Map<Setting<?>, Label> errors = new LinkedHashMap<>();
    private final List<CheckBox> variantBoxes = new ArrayList<>();
    private boolean filling;

    SettingsForm(SettingsFormModel model, Runnable edited) {
        this.model = model;
        VBox form = new VBox(4);
        form.getStyleClass().add("settings-form");
        Setting.Group group = null;
        for (Setting<?> s : Settings.ALL) {
            if (s.group() != group) {
                group = s.group();
                Label heading = new Label(group.title());
                heading.getStyleClass().add("settings-group");
                form.getChildren().add(heading);
            }
            Label label = new Label(s.label());
            Node control = control(s, edited);
            Label error = new Label();
            error.getStyleClass().add("field-error");
            error.setWrapText(true);
            error.setId(id(s) + "Error");
            errors.put(s, error);
            VBox row = new VBox(2, label, control, error);
            row.getStyleClass().add("field");
            form.getChildren().add(row);
        }
        root.setContent(form);
        root.setFitToWidth(true);
        root.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        root.getStyleClass().add("settings-scroll");
        fill();
    }

    ScrollPane getRoot() {
        return root;
    }

    private Node control(Setting<?> s, Runnable edited) {
        Tooltip tip = new Tooltip(s.help() + "\nValid: " + s.type().range() + "\nCommand line: " + s.option());
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        if (s.type() instanceof ValueTypes.Variants) {
            VBox boxes = new VBox(3);
            boxes.setId(id(s) + "Field");
            for (BnPlacement p : BnPlacement.values()) {
                CheckBox box = new CheckBox(p.id() + switch (p) {
                    case NONE -> " (no BN)";
                    case AFTER -> " (the notebook)";
                    case BEFORE -> " (the BN paper)";
                });
                box.setUserData(p.id());
                box.setId("variant-" + p.id());
                box.setTooltip(new Tooltip(p.defaultName() + ": " + p.description()));
                box.selectedProperty().addListener((obs, old, v) -> {
                    if (!filling) {
                        model.setText(s, variantsText());
                        edited.run();
                    }
                });
                variantBoxes.add(box);
                boxes.getChildren().add(box);
            }
            Tooltip.install(boxes, tip);
            return boxes;
        }
        if (!s.type().choices().isEmpty()) {
            ComboBox<String> picker = new ComboBox<>();
            picker.getItems().setAll(s.type().choices());
            picker.setId(id(s) + "Field");
            picker.setTooltip(tip);
            picker.setMaxWidth(Double.MAX_VALUE);
            picker.valueProperty().addListener((obs, old, v) -> {
                if (!filling && v != null) {
                    model.setText(s, v);
                    edited.run();
                }
            });
            controls.put(s, picker);
            return picker;
        }
        TextField field = new TextField();
        field.setId(id(s) + "Field");
        field.setTooltip(tip);
        field.setPromptText(s.type().range());
        field.textProperty().addListener((obs, old, v) -> {
            if (!filling) {
                model.setText(s, v);
                edited.run();
            }
        });
        controls.put(s, field);
        return field;
    }

    private String variantsText() {
        List<String> chosen = new ArrayList<>();
        for (CheckBox b : variantBoxes) {
            if (b.isSelected()) {
                chosen.add((String) b.getUserData());
            }
        }
        return String.join(",", chosen);
    }

    /** Shows the model's texts (after a preset or a spec file was loaded). */
    @SuppressWarnings("unchecked")
    void fill() {
        filling = true;
        try {
            for (Map.Entry<Setting<?>, Control> e : controls.entrySet()) {
                String text = model.text(e.getKey());
                if (e.getValue() instanceof TextField f) {
                    f.setText(text);
                } else if (e.getValue() instanceof ComboBox<?> c) {
                    ((ComboBox<String>) c).setValue(text);
                }
            }
            List<String> chosen = List.of(model.text(Settings.VARIANTS).split(","));
            for (CheckBox b : variantBoxes) {
                b.setSelected(chosen.contains((String) b.getUserData()));
            }
        } finally {
            filling = false;
        }
        showErrors();
    }

    /** Shows each setting's error under it, and marks its control. */
    void showErrors() {
        for (Map.Entry<Setting<?>, Label> e : errors.entrySet()) {
            String error = model.error(e.getKey());
            e.getValue().setText(error);
            e.getValue().setVisible(!error.isEmpty());
            e.getValue().setManaged(!error.isEmpty());
            Control c = controls.get(e.getKey());
            if (c != null) {
                c.getStyleClass().remove("invalid");
                if (!error.isEmpty()) {
                    c.getStyleClass().add("invalid");
                }
            }
        }
    }

    void setEditable(boolean editable) {
        root.getContent().setDisable(!editable);
    }

    String errorText(Setting<?> s) {
        return errors.get(s).getText();
    }

    /** "train-examples" → "trainExamples". */
    static String id(Setting<?> s) {
        StringBuilder id = new StringBuilder();
        boolean upper = false;
        for (char c : s.key().toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                id.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return id.toString();
    }
}
