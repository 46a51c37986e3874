package io.tradewatch.streams.domain.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleBookTest {
  private static AlertRule silence(String name) {
    return new AlertRule.Silence(name, AlertSeverity.WARNING, 3);
  }

  @Test
  void givenRulesOfSeveralTypes_whenAskedForOneType_thenOnlyThoseAnswerAsThatType() {
    AlertRule silence = silence("quiet");
    AlertRule stopped = new AlertRule.TradeStopped("stopped", AlertSeverity.WARNING, 2);

    RuleBook rules = new RuleBook(List.of(silence, stopped));

    List<AlertRule.Silence> silences = rules.ofType(AlertRule.Silence.class);
    assertThat(silences).containsExactly((AlertRule.Silence) silence);
    assertThat(silences.get(0).periods()).isEqualTo(3);
    assertThat(rules.ofType(AlertRule.Yoy.class)).isEmpty();
  }

  @Test
  void givenTwoRulesOfOneName_whenBooked_thenTheNameIsRefused() {
    assertThatThrownBy(() -> new RuleBook(List.of(silence("a"), silence("b"), silence("a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("alert rule 'a': field 'name' is used twice");
  }
}
