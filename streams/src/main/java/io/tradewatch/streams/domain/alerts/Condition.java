package io.tradewatch.streams.domain.alerts;

import java.math.BigDecimal;

/**
 * Whether a rule's condition holds for one subject and period, as last evaluated. The alert
 * lifecycle turns a change from false to true into a raised alert and back into a cleared one.
 *
 * @param alertId stable id: rule|subject|period
 * @param rule the rule
 * @param active whether the condition holds
 * @param subject what the alert is about
 * @param period the period it concerns
 * @param observed the value that was checked
 * @param expectedLow lower end of what was expected (null when open)
 * @param expectedHigh upper end of what was expected (null when open)
 * @param message one sentence for a person
 */
public record Condition(
    String alertId,
    AlertRule rule,
    boolean active,
    Subject subject,
    String period,
    BigDecimal observed,
    BigDecimal expectedLow,
    BigDecimal expectedHigh,
    String message) {

  /** What an alert is about: a source's series for a country pair and HS group. */
  public record Subject(String source, String reporter, String partner, String hsGroup) {
    public String key() {
      return String.join("|", source, reporter, partner, hsGroup);
    }
  }

  /**
   * A condition about a subject as a whole (its id has no period): one alert that stays raised
   * while the condition holds, its figures updated as its period moves on.
   */
  public static Condition ongoing(
      AlertRule rule,
      boolean active,
      Subject subject,
      String period,
      BigDecimal observed,
      BigDecimal low,
      BigDecimal high,
      String message) {
    return new Condition(
        String.join("|", rule.name(), subject.key()),
        rule,
        active,
        subject,
        period,
        observed,
        low,
        high,
        message);
  }

  public static Condition of(
      AlertRule rule,
      boolean active,
      Subject subject,
      String period,
      BigDecimal observed,
      BigDecimal low,
      BigDecimal high,
      String message) {
    return new Condition(
        String.join("|", rule.name(), subject.key(), period),
        rule,
        active,
        subject,
        period,
        observed,
        low,
        high,
        message);
  }
}
