package dev.bnlab.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The kinds of setting values BN Lab has: whole numbers, decimals, choices, lists of layer sizes, variants. */
public final class ValueTypes {
    private ValueTypes() {
    }

    static String quoted(String text) {
        return "'" + text + "'";
    }

    /** A whole number in [min, max]. Accepts "60,000" and "60_000" on the command line. */
    public record Int(int min, int max) implements ValueType<Integer> {
        @Override
        public Integer parse(String text) {
            try {
                return Integer.parseInt(text.strip().replace(",", "").replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number (got " + quoted(text) + ")");
            }
        }

        @Override
        public String format(Integer value) {
            return Integer.toString(value);
        }

        @Override
        public Integer fromJson(JsonNode node) {
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw new IllegalArgumentException("must be a whole number (got " + node + ")");
            }
            return node.intValue();
        }

        @Override
        public JsonNode toJson(Integer value) {
            return JSON.numberNode(value);
        }

        @Override
        public Optional<String> problem(Integer value) {
            return value < min || value > max
                    ? Optional.of("must be between " + min + " and " + max + " (got " + value + ")") : Optional.empty();
        }

        @Override
        public String range() {
            return min + "-" + max;
        }
    }

    /** Any whole number that fits in 64 bits. */
    public record AnyLong() implements ValueType<java.lang.Long> {
        @Override
        public java.lang.Long parse(String text) {
            try {
                return java.lang.Long.parseLong(text.strip().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number (got " + quoted(text) + ")");
            }
        }

        @Override
        public String format(java.lang.Long value) {
            return java.lang.Long.toString(value);
        }

        @Override
        public java.lang.Long fromJson(JsonNode node) {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw new IllegalArgumentException("must be a whole number (got " + node + ")");
            }
            return node.longValue();
        }

        @Override
        public JsonNode toJson(java.lang.Long value) {
            return JSON.numberNode(value);
        }

        @Override
        public Optional<String> problem(java.lang.Long value) {
            return Optional.empty();
        }

        @Override
        public String range() {
            return "any whole number";
        }
    }

    /** A finite decimal between two bounds, each inclusive or not. */
    public record Decimal(double min, boolean minInclusive, double max, boolean maxInclusive) implements ValueType<Double> {
        @Override
        public Double parse(String text) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number (got " + quoted(text) + ")");
            }
        }

        @Override
        public String format(Double value) {
            return Double.toString(value);
        }

        @Override
        public Double fromJson(JsonNode node) {
            if (!node.isNumber()) {
                throw new IllegalArgumentException("must be a number (got " + node + ")");
            }
            return node.doubleValue();
        }

        @Override
        public JsonNode toJson(Double value) {
            return JSON.numberNode(value);
        }

        @Override
        public Optional<String> problem(Double value) {
            boolean aboveMin = minInclusive ? value >= min : value > min;
            boolean belowMax = maxInclusive ? value <= max : value < max;
            return Double.isFinite(value) && aboveMin && belowMax ? Optional.empty()
                    : Optional.of("must be " + words() + " (got " + value + ")");
        }

        private String words() {
            return (minInclusive ? "at least " : "greater than ") + label(min) + " and "
                    + (maxInclusive ? "at most " : "less than ") + label(max);
        }

        @Override
        public String range() {
            return (minInclusive ? ">= " : "> ") + label(min) + " and " + (maxInclusive ? "<= " : "< ") + label(max);
        }

        private static String label(double v) {
            return v == Math.rint(v) ? java.lang.Long.toString((long) v) : Double.toString(v);
        }
    }

    /** One of an enum's {@link Choice}s, by its id (case-insensitive). */
    public record OneOf<E extends Enum<E> & Choice>(Class<E> type) implements ValueType<E> {
        @Override
        public E parse(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            for (E e : type.getEnumConstants()) {
                if (e.id().equals(t)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("must be one of " + String.join(", ", choices()) + " (got " + quoted(text) + ")");
        }

        @Override
        public String format(E value) {
            return value.id();
        }

        @Override
        public E fromJson(JsonNode node) {
            if (!node.isTextual()) {
                throw new IllegalArgumentException("must be one of " + String.join(", ", choices()) + " (got " + node + ")");
            }
            return parse(node.asText());
        }

        @Override
        public JsonNode toJson(E value) {
            return JSON.textNode(value.id());
        }

        @Override
        public Optional<String> problem(E value) {
            return Optional.empty();
        }

        @Override
        public String range() {
            return String.join(" | ", choices());
        }

        @Override
        public List<String> choices() {
            return Arrays.stream(type.getEnumConstants()).map(Choice::id).toList();
        }
    }

    /** Hidden layer sizes: "512,256" on the command line, [512, 256] in spec files. */
    public record LayerSizes(int maxLayers, int maxUnits) implements ValueType<List<Integer>> {
        @Override
        public List<Integer> parse(String text) {
            List<Integer> sizes = new ArrayList<>();
            for (String part : text.split("[,\\s]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                try {
                    sizes.add(Integer.parseInt(part));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be layer sizes separated by commas, e.g. 512,256 (got "
                            + quoted(text) + ")");
                }
            }
            return List.copyOf(sizes);
        }

        @Override
        public String format(List<Integer> value) {
            return value.stream().map(String::valueOf).collect(Collectors.joining(","));
        }

        @Override
        public List<Integer> fromJson(JsonNode node) {
            if (!node.isArray()) {
                throw new IllegalArgumentException("must be a list of layer sizes, e.g. [512, 256] (got " + node + ")");
            }
            List<Integer> sizes = new ArrayList<>();
            for (JsonNode n : node) {
                if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                    throw new IllegalArgumentException("must be a list of whole numbers (got " + node + ")");
                }
                sizes.add(n.intValue());
            }
            return List.copyOf(sizes);
        }

        @Override
        public JsonNode toJson(List<Integer> value) {
            ArrayNode a = JSON.arrayNode();
            value.forEach(a::add);
            return a;
        }

        @Override
        public Optional<String> problem(List<Integer> value) {
            if (value.isEmpty() || value.size() > maxLayers || value.stream().anyMatch(u -> u < 1 || u > maxUnits)) {
                return Optional.of("must be 1 to " + maxLayers + " layers of 1 to " + maxUnits + " units each (got "
                        + format(value) + ")");
            }
            return Optional.empty();
        }

        @Override
        public String range() {
            return "1-" + maxLayers + " layers of 1-" + maxUnits + " units";
        }
    }

    /**
     * The variants to compare: "none,after" on the command line (each gets its placement's default name), in
     * spec files a list of {"name": ..., "batch_norm": "none|after|before"} (or plain placement words).
     */
    public record Variants(int maxVariants) implements ValueType<List<Variant>> {
        private static final OneOf<BnPlacement> PLACEMENT = new OneOf<>(BnPlacement.class);

        @Override
        public List<Variant> parse(String text) {
            List<Variant> variants = new ArrayList<>();
            for (String part : text.split("[,\\s]+")) {
                if (!part.isEmpty()) {
                    try {
                        variants.add(Variant.of(PLACEMENT.parse(part)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("must be BN placements separated by commas, each one of "
                                + String.join(", ", PLACEMENT.choices()) + " (got " + quoted(text) + ")");
                    }
                }
            }
            return List.copyOf(variants);
        }

        @Override
        public String format(List<Variant> value) {
            return value.stream().map(v -> v.batchNorm().id()).collect(Collectors.joining(","));
        }

        @Override
        public List<Variant> fromJson(JsonNode node) {
            if (!node.isArray()) {
                throw new IllegalArgumentException("must be a list of variants, e.g. [{\"name\": \"without BN\", "
                        + "\"batch_norm\": \"none\"}] (got " + node + ")");
            }
            List<Variant> variants = new ArrayList<>();
            int i = 0;
            for (JsonNode n : node) {
                String where = "[" + i++ + "]";
                if (n.isTextual()) {
                    variants.add(Variant.of(PLACEMENT.parse(n.asText())));
                    continue;
                }
                if (!n.isObject()) {
                    throw new IllegalArgumentException(where + " must be an object with name and batch_norm (got " + n + ")");
                }
                for (var it = n.fieldNames(); it.hasNext(); ) {
                    String field = it.next();
                    if (!field.equals("name") && !field.equals("batch_norm")) {
                        throw new IllegalArgumentException(where + "." + field + " is not a variant field (known: name, batch_norm)");
                    }
                }
                JsonNode placement = n.get("batch_norm");
                if (placement == null) {
                    throw new IllegalArgumentException(where + ".batch_norm is missing (one of " + String.join(", ", PLACEMENT.choices()) + ")");
                }
                BnPlacement p;
                try {
                    p = PLACEMENT.fromJson(placement);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ".batch_norm " + e.getMessage());
                }
                JsonNode name = n.get("name");
                if (name != null && (!name.isTextual() || name.asText().isBlank())) {
                    throw new IllegalArgumentException(where + ".name must be a non-empty text (got " + name + ")");
                }
                variants.add(name == null ? Variant.of(p) : new Variant(name.asText(), p));
            }
            return List.copyOf(variants);
        }

        @Override
        public JsonNode toJson(List<Variant> value) {
            ArrayNode a = JSON.arrayNode();
            for (Variant v : value) {
                ObjectNode o = a.addObject();
                o.put("name", v.name());
                o.put("batch_norm", v.batchNorm().id());
            }
            return a;
        }

        @Override
        public Optional<String> problem(List<Variant> value) {
            if (value.isEmpty() || value.size() > maxVariants) {
                return Optional.of("must be 1 to " + maxVariants + " variants (got " + value.size() + ")");
            }
            Set<String> names = new HashSet<>();
            for (Variant v : value) {
                if (!names.add(v.name())) {
                    return Optional.of("must have different names (\"" + v.name() + "\" appears twice)");
                }
            }
            return Optional.empty();
        }

        @Override
        public String range() {
            return "1-" + maxVariants + " of " + String.join(", ", PLACEMENT.choices());
        }

        @Override
        public List<String> choices() {
            return PLACEMENT.choices();
        }
    }

    /**
     * A sweep: "learning-rate=0.01,0.03,0.1" or the log-spaced shorthand "learning-rate=log:0.01:3:6" (6 values
     * from 0.01 to 3) on the command line, "" or "none" for none; in spec files
     * {"setting": "learning_rate", "values": [0.01, 0.03, 0.1]} or null.
     */
    public record SweepAxis() implements ValueType<Sweep> {
        @Override
        public Sweep parse(String text) {
            String t = text.strip();
            if (t.isEmpty() || t.equalsIgnoreCase("none")) {
                return Sweep.NONE;
            }
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("must be SETTING=V1,V2,... or SETTING=log:FROM:TO:N, e.g. "
                        + "learning-rate=0.01,0.1,1 (got " + quoted(text) + ")");
            }
            String key = t.substring(0, eq).strip().replace('_', '-');
            String list = t.substring(eq + 1).strip();
            List<Double> values = new ArrayList<>();
            try {
                if (list.startsWith("log:")) {
                    String[] p = list.substring(4).split(":");
                    if (p.length != 3) {
                        throw new NumberFormatException();
                    }
                    values.addAll(Sweep.logSpaced(Double.parseDouble(p[0]), Double.parseDouble(p[1]),
                            Integer.parseInt(p[2].strip())));
                } else {
                    for (String part : list.split("[,\\s]+")) {
                        if (!part.isEmpty()) {
                            values.add(Double.parseDouble(part));
                        }
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must list numbers after '=', e.g. " + key + "=0.01,0.1,1 or "
                        + key + "=log:0.01:3:6 (got " + quoted(text) + ")");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (got " + quoted(text) + ")");
            }
            return new Sweep(key, values);
        }

        @Override
        public String format(Sweep value) {
            return value.text();
        }

        @Override
        public Sweep fromJson(JsonNode node) {
            if (node == null || node.isNull()) {
                return Sweep.NONE;
            }
            if (!node.isObject() || !node.has("setting") || !node.get("setting").isTextual() || !node.has("values")
                    || !node.get("values").isArray()) {
                throw new IllegalArgumentException("must be null or {\"setting\": \"learning_rate\", \"values\": [0.01, 0.1, 1]} (got "
                        + node + ")");
            }
            for (var it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("setting") && !f.equals("values")) {
                    throw new IllegalArgumentException("." + f + " is not a sweep field (known: setting, values)");
                }
            }
            List<Double> values = new ArrayList<>();
            for (JsonNode v : node.get("values")) {
                if (!v.isNumber()) {
                    throw new IllegalArgumentException(".values must be numbers (got " + v + ")");
                }
                values.add(v.doubleValue());
            }
            return new Sweep(node.get("setting").asText().replace('_', '-'), values);
        }

        @Override
        public JsonNode toJson(Sweep value) {
            if (!value.active()) {
                return JSON.nullNode();
            }
            ObjectNode o = JSON.objectNode();
            o.put("setting", value.key().replace('-', '_'));
            ArrayNode a = o.putArray("values");
            for (int i = 0; i < value.values().size(); i++) {
                String text = value.valueText(i);
                a.add(new java.math.BigDecimal(text));
            }
            return o;
        }

        @Override
        public Optional<String> problem(Sweep value) {
            return Optional.empty(); // checked with the whole spec: ExperimentSpec.problemsBySetting
        }

        @Override
        public String range() {
            return "SETTING=V1,V2,... (2-" + Sweep.MAX_VALUES + " values) or SETTING=log:FROM:TO:N; SETTING one of "
                    + String.join(", ", Sweep.AXES);
        }
    }
}
