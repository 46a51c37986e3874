package io.tradewatch.streams.domain.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewatch.streams.domain.alerts.AlertRule.RuleType;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleBookTest {
  private static AlertRule silence(String name) {
    return new AlertRule(
        name,
        RuleType.SILENCE,
        AlertSeverity.WARNING,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        3,
        false);
  }

  @Test
  void givenRulesOfSeveralTypes_whenAskedForOneType_thenOnlyThoseAnswer() {
    AlertRule silence = silence("quiet");
    AlertRule stopped =
        new AlertRule(
            "stopped",
            RuleType.TRADE_STOPPED,
            AlertSeverity.WARNING,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            2,
            false);

    RuleBook rules = new RuleBook(List.of(silence, stopped));

    assertThat(rules.ofType(RuleType.SILENCE)).containsExactly(silence);
    assertThat(rules.ofType(RuleType.YOY)).isEmpty();
  }

  @Test
  void givenTwoRulesOfOneName_whenBooked_thenTheNameIsRefused() {
    assertThatThrownBy(() -> new RuleBook(List.of(silence("a"), silence("b"), silence("a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("alert rule 'a': field 'name' is used twice");
  }
}
