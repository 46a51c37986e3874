package io.tradewatch.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewatch.streams.domain.alerts.AlertRule;
import io.tradewatch.streams.domain.alerts.AlertRule.RuleType;
import io.tradewatch.streams.domain.alerts.AlertSeverity;
import io.tradewatch.streams.domain.alerts.RuleBook;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlertRulesFileTest {
  private static RuleBook parse(String json) {
    return AlertRulesFile.parse(json.getBytes(StandardCharsets.UTF_8), "rules.json");
  }

  @Test
  void defaultsCoverEveryKindOfRule() {
    RuleBook rules = AlertRulesFile.defaults();

    for (RuleType type : RuleType.values()) {
      assertThat(rules.rules()).as(type.name()).anyMatch(rule -> rule.type() == type);
    }
  }

  @Test
  void readsARuleWithItsDefaults() {
    RuleBook rules =
        parse("{\"rules\":[{\"name\":\"gap\",\"type\":\"mirror_gap\",\"thresholdPct\":25}]}");

    assertThat(rules.rules()).singleElement().isInstanceOf(AlertRule.MirrorGap.class);
    AlertRule.MirrorGap gap = rules.ofType(AlertRule.MirrorGap.class).get(0);
    assertThat(gap.type()).isEqualTo(RuleType.MIRROR_GAP);
    assertThat(gap.severity()).isEqualTo(AlertSeverity.WARNING);
    assertThat(gap.thresholdPct()).isEqualByComparingTo(new BigDecimal("25"));
    assertThat(gap.allGroups()).isFalse();
  }

  @Test
  void aBadFieldFailsNamingTheRuleAndTheField() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"rules\":[{\"name\":\"yoy\",\"type\":\"YOY\",\"figure\":\"ANNUAL\","
                        + "\"thresholdPct\":-3}]}"))
        .hasMessage(
            "rules.json: alert rule 'yoy': field 'thresholdPct' must be a positive number, was -3");
    assertThatThrownBy(() -> parse("{\"rules\":[{\"name\":\"x\",\"type\":\"WEATHER\"}]}"))
        .hasMessageContaining("alert rule 'x': field 'type' must be one of");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"rules\":[{\"name\":\"s\",\"type\":\"SILENCE\",\"periods\":3,\"perods\":1}]}"))
        .hasMessageContaining("alert rule 's': field 'perods' is not a known field");
    assertThatThrownBy(() -> parse("{\"rules\":[{\"type\":\"SILENCE\",\"periods\":3}]}"))
        .hasMessageContaining("alert rule #1: field 'name' is required");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"rules\":[{\"name\":\"a\",\"type\":\"SILENCE\",\"periods\":3},"
                        + "{\"name\":\"a\",\"type\":\"SILENCE\",\"periods\":4}]}"))
        .hasMessageContaining("alert rule 'a': field 'name' is used twice");
    assertThatThrownBy(() -> parse("not json")).hasMessageContaining("rules.json: not valid JSON");
  }

  @Test
  void aNameUsedTwiceIsReportedBeforeAnyLaterRule() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"rules\":[{\"name\":\"a\",\"type\":\"SILENCE\",\"periods\":3},"
                        + "{\"name\":\"a\",\"type\":\"SILENCE\",\"periods\":4},"
                        + "{\"name\":\"b\",\"type\":\"WEATHER\"}]}"))
        .hasMessage("rules.json: alert rule 'a': field 'name' is used twice");
  }
}
