package io.tradewatch.streams.domain.alerts;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The alert rules, each name used once. {@code io.tradewatch.streams.app.AlertRulesFile} reads them
 * from a JSON file and checks every field.
 */
public record RuleBook(List<AlertRule> rules) {

  /**
   * @throws IllegalArgumentException naming the first rule whose name an earlier rule already has
   */
  public RuleBook {
    rules = List.copyOf(rules);
    Set<String> names = new HashSet<>();
    for (AlertRule rule : rules) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException(
            "alert rule '" + rule.name() + "': field 'name' is used twice");
      }
    }
  }

  /** The rules of one kind, as their own type. */
  public <R extends AlertRule> List<R> ofType(Class<R> kind) {
    return rules.stream().filter(kind::isInstance).map(kind::cast).toList();
  }
}
