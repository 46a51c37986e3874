package io.tradewatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.AlertState;
import io.tradewatch.avro.AnnualBasis;
import io.tradewatch.avro.FdiAnnual;
import io.tradewatch.avro.FdiDirection;
import io.tradewatch.avro.FdiMeasure;
import io.tradewatch.avro.Revision;
import io.tradewatch.avro.Severity;
import io.tradewatch.local.OutputHistory.Difference;
import io.tradewatch.local.OutputHistory.Kind;
import io.tradewatch.local.replay.OutputDiff;
import io.tradewatch.local.replay.OutputDiff.TopicDiff;
import io.tradewatch.local.report.OutputSnapshot;
import io.tradewatch.schemas.Topics;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Negative controls for the comparisons the resilience tests rely on ({@link OutputDiff} over
 * {@link OutputSnapshot}s, {@link OutputHistory#diff} over revision histories, {@link
 * OutputHistory#alternationBreaks} over alert events): each is run on outputs damaged on purpose
 * and must name exactly the damaged keys and the kind of damage. No broker: the comparisons work on
 * what was read back, so the damage is applied there.
 */
class OutputComparisonNegativeControlTest {
  private static final Topics ACTUAL = Topics.withPrefix("control.");
  private static final Topics REFERENCE = ACTUAL.withOutputPrefix("control.reference.");

  @Test
  void outputDiffNamesAChangedFigureAMissingRecordAndAnExtraOne() {
    // Given the reference outputs of three FDI years
    SortedMap<String, SpecificRecord> reference =
        figures(Map.of("2021", "100.00", "2022", "200.00", "2023", "300.00"));
    // ... and a run where 2022 has another figure, 2023 is missing and 2024 appeared
    SortedMap<String, SpecificRecord> damaged =
        figures(Map.of("2021", "100.00", "2022", "200.01", "2024", "400.00"));

    // When the outputs are compared as the resilience tests compare them
    OutputDiff diff =
        OutputDiff.of(snapshot(ACTUAL, damaged), ACTUAL, snapshot(REFERENCE, reference), REFERENCE);

    // Then exactly those keys are named, each under its kind ("added": only in the reference)
    assertThat(diff.topics())
        .filteredOn(d -> !d.isEmpty())
        .containsExactly(
            new TopicDiff(
                "fdi-annual", List.of(key("2023")), List.of(key("2024")), List.of(key("2022"))));
    assertThat(diff.isEmpty()).isFalse();
  }

  @Test
  void outputDiffCannotSeeARevisionWrittenTwiceWhichTheRevisionHistoryNames() {
    // Given a revision history and the same history with one revision written twice
    Map<String, List<SpecificRecord>> reference = Map.of("k1", List.of(revision("k1", 2, "5.00")));
    Map<String, List<SpecificRecord>> damaged =
        Map.of("k1", List.of(revision("k1", 2, "5.00"), revision("k1", 2, "5.00")));

    // When both are compared as final values per key (what a snapshot holds) and as histories
    OutputDiff finalValues =
        OutputDiff.of(
            revisionSnapshot(ACTUAL, damaged),
            ACTUAL,
            revisionSnapshot(REFERENCE, reference),
            REFERENCE);
    List<Difference> histories = OutputHistory.diff(damaged, reference);

    // Then the snapshot comparison is blind to the double; the history names it
    assertThat(finalValues.isEmpty()).isTrue();
    assertThat(histories).containsExactly(new Difference("k1", Kind.DOUBLED));
  }

  @Test
  void revisionHistoryNamesEachDamagedKeyAndHowItIsDamaged() {
    // Given the reference revisions of six figures
    Map<String, List<SpecificRecord>> reference = new TreeMap<>();
    reference.put("a-doubled", List.of(revision("a", 2, "1.00"), revision("a", 3, "2.00")));
    reference.put("b-changed", List.of(revision("b", 2, "1.00")));
    reference.put("c-reordered", List.of(revision("c", 2, "1.00"), revision("c", 3, "2.00")));
    reference.put("d-lost", List.of(revision("d", 2, "1.00")));
    reference.put("e-short", List.of(revision("e", 2, "1.00"), revision("e", 3, "2.00")));
    reference.put("g-intact", List.of(revision("g", 2, "1.00")));
    // ... and a run that doubled one, changed a figure of one, swapped two, lost one key, lost
    // one event and wrote a key the reference never wrote
    Map<String, List<SpecificRecord>> damaged = new TreeMap<>();
    damaged.put(
        "a-doubled",
        List.of(revision("a", 2, "1.00"), revision("a", 3, "2.00"), revision("a", 3, "2.00")));
    damaged.put("b-changed", List.of(revision("b", 2, "1.01")));
    damaged.put("c-reordered", List.of(revision("c", 3, "2.00"), revision("c", 2, "1.00")));
    damaged.put("e-short", List.of(revision("e", 2, "1.00")));
    damaged.put("f-extra", List.of(revision("f", 2, "1.00")));
    damaged.put("g-intact", List.of(revision("g", 2, "1.00")));

    // When the histories are compared
    List<Difference> differences = OutputHistory.diff(damaged, reference);

    // Then each damaged key is named once, with its kind, and the intact one is not
    assertThat(differences)
        .containsExactly(
            new Difference("a-doubled", Kind.DOUBLED),
            new Difference("b-changed", Kind.CHANGED),
            new Difference("c-reordered", Kind.REORDERED),
            new Difference("d-lost", Kind.MISSING_KEY),
            new Difference("e-short", Kind.MISSING_EVENT),
            new Difference("f-extra", Kind.EXTRA_KEY));
  }

  @Test
  void alertAlternationNamesARepeatedAnOutOfOrderAndALostEvent() {
    // Given alert histories: one intact, one with an event written twice, one whose first two
    // events swapped, one whose middle events swapped and one that lost a middle event
    Map<String, List<SpecificRecord>> events = new TreeMap<>();
    events.put("a-intact", alerts("a-intact", RAISED, CLEARED, RAISED));
    events.put("b-doubled", alerts("b-doubled", RAISED, RAISED, CLEARED));
    events.put("c-swapped-first", alerts("c-swapped-first", CLEARED, RAISED));
    events.put("d-swapped-middle", alerts("d-swapped-middle", RAISED, RAISED, CLEARED, CLEARED));
    events.put("e-lost", alerts("e-lost", RAISED, RAISED));

    // When the alternation raised, cleared, raised, ... is checked
    List<Difference> breaks = OutputHistory.alternationBreaks(events);

    // Then every damaged alert is named with its first break
    assertThat(breaks)
        .containsExactly(
            new Difference("b-doubled", Kind.REPEATED_STATE),
            new Difference("c-swapped-first", Kind.STARTS_CLEARED),
            new Difference("d-swapped-middle", Kind.REPEATED_STATE),
            new Difference("e-lost", Kind.REPEATED_STATE));
  }

  @Test
  void openAlertSetNamesAnAlertWhoseLastEventIsLostButNotALostRaiseAndClearPair() {
    // Given the reference alerts' final events: a1 raised, a2 raised, a3 cleared
    SortedMap<String, SpecificRecord> reference = new TreeMap<>();
    reference.put("a1", alert("a1", RAISED));
    reference.put("a2", alert("a2", RAISED));
    reference.put("a3", alert("a3", CLEARED));
    // ... and a run where a1's last event (a clear) is lost after a raise, a2 was raised with
    // other figures, and a3 lost a raise and clear pair before its final clear
    SortedMap<String, SpecificRecord> damaged = new TreeMap<>();
    damaged.put("a1", alert("a1", CLEARED));
    damaged.put(
        "a2",
        Alert.newBuilder(alert("a2", RAISED))
            .setObserved(new BigDecimal("99.0000"))
            .setMessage("other figures")
            .build());
    damaged.put("a3", alert("a3", CLEARED));

    // When the alerts are compared as the set open at the end
    OutputDiff diff =
        OutputDiff.of(
            alertSnapshot(ACTUAL, damaged), ACTUAL, alertSnapshot(REFERENCE, reference), REFERENCE);

    // Then only a1 is named: open in the reference, not in the damaged run; a2's figures and a3's
    // lost pair are outside what this comparison sees (the alternation check sees a lost event)
    assertThat(diff.topics())
        .filteredOn(d -> !d.isEmpty())
        .containsExactly(new TopicDiff("alerts", List.of("a1"), List.of(), List.of()));
  }

  private static final AlertState RAISED = AlertState.RAISED;
  private static final AlertState CLEARED = AlertState.CLEARED;

  private static String key(String year) {
    return "KZ-NBK|KAZ|ARM|INWARD|GROSS_INFLOW|" + year;
  }

  private static SortedMap<String, SpecificRecord> figures(Map<String, String> valueByYear) {
    SortedMap<String, SpecificRecord> records = new TreeMap<>();
    valueByYear.forEach(
        (year, value) ->
            records.put(
                key(year),
                FdiAnnual.newBuilder()
                    .setSource("KZ-NBK")
                    .setReporter("KAZ")
                    .setCounterpart("ARM")
                    .setDirection(FdiDirection.INWARD)
                    .setMeasure(FdiMeasure.GROSS_INFLOW)
                    .setYear(Integer.parseInt(year))
                    .setValueUsd(new BigDecimal(value))
                    .setBasis(AnnualBasis.ANNUAL_RECORD)
                    .setFirstYear(2021)
                    .setCumulativeUsd(new BigDecimal(value))
                    .setYoyPct(null)
                    .build()));
    return records;
  }

  private static Revision revision(String key, int revision, String value) {
    BigDecimal v = new BigDecimal(value);
    return Revision.newBuilder()
        .setRecordKey(key)
        .setKind("TRADE")
        .setFirstRevision(1)
        .setFirstValueUsd(BigDecimal.ZERO.setScale(2))
        .setPreviousRevision(revision - 1)
        .setPreviousValueUsd(BigDecimal.ZERO.setScale(2))
        .setRevision(revision)
        .setValueUsd(v)
        .setDeltaUsd(v)
        .setDeltaFromFirstUsd(v)
        .build();
  }

  private static Alert alert(String id, AlertState state) {
    return Alert.newBuilder()
        .setAlertId(id)
        .setRule("mirror-gap")
        .setRuleType("MIRROR_GAP")
        .setSeverity(Severity.WARNING)
        .setState(state)
        .setSource("AM-ARMSTAT/KZ-BNS")
        .setReporter("ARM")
        .setPartner("KAZ")
        .setHsGroup("TOTAL")
        .setPeriod("2023")
        .setObserved(new BigDecimal("-72.2300"))
        .setExpectedLow(new BigDecimal("-30.0000"))
        .setExpectedHigh(new BigDecimal("30.0000"))
        .setMessage("gap")
        .build();
  }

  private static List<SpecificRecord> alerts(String id, AlertState... states) {
    return java.util.Arrays.stream(states).map(s -> (SpecificRecord) alert(id, s)).toList();
  }

  private static OutputSnapshot snapshot(Topics topics, SortedMap<String, SpecificRecord> fdi) {
    Map<String, SortedMap<String, SpecificRecord>> byTopic = new LinkedHashMap<>();
    byTopic.put(topics.fdiAnnual().name(), fdi);
    return new OutputSnapshot(byTopic);
  }

  private static OutputSnapshot alertSnapshot(
      Topics topics, SortedMap<String, SpecificRecord> alerts) {
    return new OutputSnapshot(Map.of(topics.alerts().name(), alerts));
  }

  /** The last record of each key, as {@link OutputSnapshot#read} keeps it. */
  private static OutputSnapshot revisionSnapshot(
      Topics topics, Map<String, List<SpecificRecord>> history) {
    SortedMap<String, SpecificRecord> last = new TreeMap<>();
    history.forEach((key, events) -> last.put(key, events.get(events.size() - 1)));
    return new OutputSnapshot(Map.of(topics.revisions().name(), last));
  }
}
