package io.tradewatch.local.replay;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.AlertState;
import io.tradewatch.local.report.OutputSnapshot;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;

/** What differs between two snapshots of the outputs, per topic and key. */
public record OutputDiff(List<TopicDiff> topics) {
  /** Differences in one output: keys only in the new run, only in the old one, or changed. */
  public record TopicDiff(
      String output, List<String> added, List<String> removed, List<String> changed) {
    public boolean isEmpty() {
      return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
  }

  /**
   * @param before the live outputs
   * @param after the replay's outputs, the same topics under another prefix
   */
  public static OutputDiff of(
      OutputSnapshot before, Topics beforeTopics, OutputSnapshot after, Topics afterTopics) {
    List<TopicDiff> diffs = new ArrayList<>();
    List<Topic<String, ? extends SpecificRecord>> left = OutputSnapshot.outputs(beforeTopics);
    List<Topic<String, ? extends SpecificRecord>> right = OutputSnapshot.outputs(afterTopics);
    for (int i = 0; i < left.size(); i++) {
      SortedMap<String, SpecificRecord> a = comparable(before.topic(left.get(i)));
      SortedMap<String, SpecificRecord> b = comparable(after.topic(right.get(i)));
      List<String> added = new ArrayList<>();
      List<String> removed = new ArrayList<>();
      List<String> changed = new ArrayList<>();
      TreeSet<String> keys = new TreeSet<>(a.keySet());
      keys.addAll(b.keySet());
      for (String key : keys) {
        if (!a.containsKey(key)) {
          added.add(key);
        } else if (!b.containsKey(key)) {
          removed.add(key);
        } else if (!Objects.equals(a.get(key), b.get(key))) {
          changed.add(key);
        }
      }
      String name = left.get(i).name().substring(beforeTopics.outputPrefix().length());
      diffs.add(new TopicDiff(name, added, removed, changed));
    }
    return new OutputDiff(List.copyOf(diffs));
  }

  public boolean isEmpty() {
    return topics.stream().allMatch(TopicDiff::isEmpty);
  }

  /**
   * Alert events depend on the order in which figures meet: during a replay a passing condition may
   * raise and clear an alert that another run never raised, and a raised alert carries the figures
   * of the moment it was raised. What every run shares is which alerts are open at the end, so
   * alerts are compared as that set.
   */
  public static SortedMap<String, SpecificRecord> comparable(
      SortedMap<String, SpecificRecord> records) {
    if (records.isEmpty() || !(records.values().iterator().next() instanceof Alert)) {
      return records;
    }
    SortedMap<String, SpecificRecord> open = new TreeMap<>();
    records.forEach(
        (id, record) -> {
          Alert alert = (Alert) record;
          if (alert.getState() == AlertState.RAISED) {
            open.put(
                id,
                Alert.newBuilder(alert)
                    .setObserved(null)
                    .setExpectedLow(null)
                    .setExpectedHigh(null)
                    .setMessage("")
                    .build());
          }
        });
    return open;
  }

  /** A report for a person: per output, the counts and the first keys of each kind. */
  public String render(int keysShown) {
    StringBuilder out = new StringBuilder();
    for (TopicDiff d : topics) {
      out.append(
          String.format(
              "%-16s %6d added %6d removed %6d changed%n",
              d.output(), d.added().size(), d.removed().size(), d.changed().size()));
      for (Map.Entry<String, List<String>> kind :
          Map.of("+", d.added(), "-", d.removed(), "~", d.changed()).entrySet()) {
        kind.getValue().stream()
            .limit(keysShown)
            .forEach(
                k -> out.append("  ").append(kind.getKey()).append(' ').append(k).append('\n'));
      }
    }
    return out.toString();
  }
}
