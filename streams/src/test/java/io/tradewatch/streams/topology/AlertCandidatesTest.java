package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.AlertState;
import io.tradewatch.avro.Severity;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Only candidates that can change an alert's state or figures are sent on to the lifecycle. */
class AlertCandidatesTest {
  /** A rule on a plain number: raised above 10. */
  private static final Function<Integer, List<Alert>> ABOVE_TEN =
      v -> List.of(alert("above-ten|S", v > 10, v));

  @Test
  void givenANewFigure_whenItsConditionDoesNotHold_thenNothingIsSentOn() {
    assertThat(AlertCandidates.changed(new FigureUpdate<>(null, 5), ABOVE_TEN)).isEmpty();
  }

  @Test
  void givenANewFigure_whenItsConditionHolds_thenTheRaisedCandidateIsSentOn() {
    assertThat(AlertCandidates.changed(new FigureUpdate<>(null, 12), ABOVE_TEN))
        .extracting(Alert::getState)
        .containsExactly(AlertState.RAISED);
  }

  @Test
  void givenAFigureThatHeldBefore_whenItNoLongerHolds_thenTheClearedCandidateIsSentOn() {
    assertThat(AlertCandidates.changed(new FigureUpdate<>(12, 7), ABOVE_TEN))
        .extracting(Alert::getState)
        .containsExactly(AlertState.CLEARED);
  }

  @Test
  void givenAFigureThatHeldNeitherBeforeNorNow_whenItChanges_thenNothingIsSentOn() {
    assertThat(AlertCandidates.changed(new FigureUpdate<>(3, 7), ABOVE_TEN)).isEmpty();
  }

  @Test
  void givenARaisedAlert_whenItsFigureChangesAndStillHolds_thenTheNewFiguresAreSentOn() {
    assertThat(AlertCandidates.changed(new FigureUpdate<>(12, 15), ABOVE_TEN))
        .extracting(Alert::getObserved)
        .extracting(Number::intValue)
        .containsExactly(15);
  }

  /** A candidate of a YOY rule on S|R|P|TOTAL 2023, as the rules make it (observed at scale 4). */
  static Alert alert(String id, boolean raised, int observed) {
    return Alert.newBuilder()
        .setAlertId(id)
        .setRule("above-ten")
        .setRuleType("YOY")
        .setSeverity(Severity.WARNING)
        .setState(raised ? AlertState.RAISED : AlertState.CLEARED)
        .setSource("S")
        .setReporter("R")
        .setPartner("P")
        .setHsGroup("TOTAL")
        .setPeriod("2023")
        .setObserved(new java.math.BigDecimal(observed).setScale(4))
        .setExpectedLow(null)
        .setExpectedHigh(null)
        .setMessage("")
        .build();
  }
}
