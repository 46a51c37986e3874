package io.tradewatch.streams.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewatch.streams.domain.alerts.AlertRule;
import io.tradewatch.streams.domain.alerts.AlertRule.Direction;
import io.tradewatch.streams.domain.alerts.AlertRule.Figure;
import io.tradewatch.streams.domain.alerts.AlertRule.RuleType;
import io.tradewatch.streams.domain.alerts.AlertSeverity;
import io.tradewatch.streams.domain.alerts.RuleBook;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the alert rules from a JSON file ({@code {"rules": [ {...}, ... ]}}), checked once at
 * start-up: a bad file fails with a message naming the file, the rule and the field. The rules
 * themselves, and what they mean, are {@link RuleBook}'s.
 */
public final class AlertRulesFile {
  private static final String DEFAULTS = "/io/tradewatch/streams/default-alert-rules.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "type",
          "severity",
          "figure",
          "direction",
          "thresholdPct",
          "years",
          "tolerancePct",
          "marginPct",
          "maxRequiredGrowthPct",
          "periods",
          "scope");

  private AlertRulesFile() {}

  /** The rules shipped with tradewatch. */
  public static RuleBook defaults() {
    try (InputStream in = AlertRulesFile.class.getResourceAsStream(DEFAULTS)) {
      return parse(in.readAllBytes(), "default alert rules");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RuleBook read(Path file) {
    try {
      return parse(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read alert rules " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param origin names the file in error messages
   * @throws IllegalArgumentException naming the rule and field at fault
   */
  public static RuleBook parse(byte[] json, String origin) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(origin + ": not valid JSON: " + e.getMessage(), e);
    }
    JsonNode list = root == null ? null : root.get("rules");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(origin + ": expected {\"rules\": [ ... ]}");
    }
    List<AlertRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int index = 0;
    for (JsonNode node : list) {
      index++;
      AlertRule rule = new RuleReader(origin, node, index).rule();
      rules.add(rule);
      if (!names.add(rule.name())) {
        break; // the first name used twice is reported before any later rule: RuleBook names it
      }
    }
    try {
      return new RuleBook(rules);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
    }
  }

  /** Reads one rule, with messages naming it. */
  private static final class RuleReader {
    private final String origin;
    private final JsonNode node;
    private final String label;

    RuleReader(String origin, JsonNode node, int index) {
      this.origin = origin;
      this.node = node;
      JsonNode name = node.get("name");
      this.label =
          name != null && name.isTextual() && !name.asText().isBlank()
              ? "alert rule '" + name.asText() + "'"
              : "alert rule #" + index;
    }

    AlertRule rule() {
      if (!node.isObject()) {
        throw fail("rule", "must be a JSON object");
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!FIELDS.contains(field)) {
          throw fail(field, "is not a known field (known: " + FIELDS + ")");
        }
      }
      String name = text("name");
      if (!name.matches("[A-Za-z0-9._-]+")) {
        throw fail("name", "must be letters, digits, '.', '_' or '-', was '" + name + "'");
      }
      RuleType type = symbol("type", RuleType.class, null);
      AlertSeverity severity = symbol("severity", AlertSeverity.class, AlertSeverity.WARNING);
      return switch (type) {
        case YOY ->
            new AlertRule.Yoy(
                name,
                severity,
                symbol("figure", Figure.class, null),
                symbol("direction", Direction.class, Direction.BOTH),
                positive("thresholdPct"),
                allGroups());
        case SEASONAL_BAND ->
            new AlertRule.SeasonalBand(
                name, severity, count("years", 2), positive("tolerancePct"), allGroups());
        case TARGET_BEHIND ->
            new AlertRule.TargetBehind(
                name, severity, positive("marginPct"), positive("maxRequiredGrowthPct"));
        case MIRROR_GAP ->
            new AlertRule.MirrorGap(name, severity, positive("thresholdPct"), allGroups());
        case REVISION ->
            new AlertRule.Revision(name, severity, positive("thresholdPct"), allGroups());
        case SILENCE -> new AlertRule.Silence(name, severity, count("periods", 1));
        case TRADE_STOPPED -> new AlertRule.TradeStopped(name, severity, count("periods", 1));
      };
    }

    /** {@code "scope": "TOTAL"} (default: the all-products series) or {@code "ALL"} HS groups. */
    private boolean allGroups() {
      JsonNode v = node.get("scope");
      if (v == null || "TOTAL".equalsIgnoreCase(v.asText())) {
        return false;
      }
      if ("ALL".equalsIgnoreCase(v.asText())) {
        return true;
      }
      throw fail("scope", "must be TOTAL or ALL, was " + v);
    }

    private String text(String field) {
      JsonNode v = node.get(field);
      if (v == null || !v.isTextual() || v.asText().isBlank()) {
        throw fail(field, "is required (a non-empty string)");
      }
      return v.asText();
    }

    private <E extends Enum<E>> E symbol(String field, Class<E> type, E fallback) {
      JsonNode v = node.get(field);
      if (v == null && fallback != null) {
        return fallback;
      }
      String value = v == null ? null : v.asText();
      try {
        return Enum.valueOf(type, String.valueOf(value).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw fail(
            field, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", was " + value);
      }
    }

    private BigDecimal positive(String field) {
      JsonNode v = node.get(field);
      if (v == null || !v.isNumber() || v.decimalValue().signum() <= 0) {
        throw fail(field, "must be a positive number, was " + v);
      }
      return v.decimalValue();
    }

    private int count(String field, int min) {
      JsonNode v = node.get(field);
      if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min) {
        throw fail(field, "must be a whole number of at least " + min + ", was " + v);
      }
      return v.asInt();
    }

    private IllegalArgumentException fail(String field, String problem) {
      return new IllegalArgumentException(
          origin + ": " + label + ": field '" + field + "' " + problem);
    }
  }
}
