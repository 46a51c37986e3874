package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.AlertState;
import io.tradewatch.avro.Revision;
import io.tradewatch.avro.Severity;
import io.tradewatch.streams.domain.alerts.AlertRule;
import io.tradewatch.streams.domain.alerts.AlertSeverity;
import io.tradewatch.streams.domain.alerts.RuleBook;
import java.math.BigDecimal;
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

  @Test
  void givenSmallRevisions_whenAFigureIsRevisedAgainBySmallSteps_thenNothingIsSentOn() {
    assertThat(LARGE_REVISION.revision(revision("1000.00", "1000.00", "1050.00"))).isEmpty();
    assertThat(LARGE_REVISION.revision(revision("1000.00", "1050.00", "1090.00"))).isEmpty();
  }

  @Test
  void givenAFigure_whenItIsRevisedBeyondTheThreshold_thenTheRaisedCandidateIsSentOn() {
    assertThat(LARGE_REVISION.revision(revision("1000.00", "1050.00", "1200.00")))
        .extracting(Alert::getState, Alert::getAlertId)
        .containsExactly(tuple(AlertState.RAISED, "large-revision|S|R|P|X 2402|2023-05"));
  }

  @Test
  void givenALargeRevision_whenTheNextRevisionIsSmall_thenTheClearedCandidateIsSentOn() {
    assertThat(LARGE_REVISION.revision(revision("1000.00", "1200.00", "1000.00")))
        .extracting(Alert::getState)
        .containsExactly(AlertState.CLEARED);
  }

  /** The revision rule: raised beyond 10 % from the first publication. */
  private static final AlertCandidates LARGE_REVISION =
      new AlertCandidates(
          new RuleBook(
              List.of(
                  new AlertRule.Revision(
                      "large-revision", AlertSeverity.INFO, new BigDecimal("10"), true))));

  /** A trade figure's revision: first published, previously applied and now applied values. */
  private static Revision revision(String first, String previous, String now) {
    BigDecimal firstValue = new BigDecimal(first);
    BigDecimal previousValue = new BigDecimal(previous);
    BigDecimal value = new BigDecimal(now);
    return new Revision(
        "S|R|P|X|2023-05|2402",
        "trade",
        1,
        firstValue,
        previousValue.equals(firstValue) ? 1 : 2,
        previousValue,
        previousValue.equals(firstValue) ? 2 : 3,
        value,
        value.subtract(previousValue),
        value.subtract(firstValue));
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
