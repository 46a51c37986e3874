package io.tradewatch.schemas;

import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TradeRecord;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Message keys and event timestamps shared by producers and the topology. Keys are readable strings
 * whose parts are joined by {@code |}.
 *
 * <p>A trade record's message key is its unordered country pair ({@link #countryPair}), so that
 * Kafka's default partitioner puts every figure of two countries (both reporters' sides, every HS
 * code, every revision, in order) on one partition, where the topology computes their figures.
 */
public final class Keys {
  public static final String SEPARATOR = "|";
  public static final String TOTAL = "TOTAL";

  private Keys() {}

  public static String join(Object... parts) {
    // Sized for the usual keys (source|reporter|partner|flow|period|HS6): no regrowth.
    StringBuilder out = new StringBuilder(64);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.append(SEPARATOR);
      }
      out.append(parts[i]);
    }
    return out.toString();
  }

  /** {@code 2023} for an annual figure, {@code 2023-07} for a monthly one. */
  public static String tradePeriod(int year, Integer month) {
    if (month == null) {
      return Integer.toString(year);
    }
    if (year < 1000 || year > 9999) {
      return String.format("%04d-%02d", year, month);
    }
    // Called for every figure the topology touches: String.format is too slow for that.
    return year + (month < 10 ? "-0" : "-") + month;
  }

  /** {@code 2023} for an annual figure, {@code 2023-Q2} for a quarterly one. */
  public static String fdiPeriod(int year, Integer quarter) {
    return quarter == null ? Integer.toString(year) : year + "-Q" + quarter;
  }

  /** The HS chapter a code belongs to: its first two digits, or TOTAL. */
  public static String hsChapter(String hsCode) {
    return TOTAL.equals(hsCode) || hsCode.length() < 2 ? TOTAL : hsCode.substring(0, 2);
  }

  /** Identity of one trade figure; every revision of it shares this key. */
  public static String tradeRecordKey(
      String source,
      String reporter,
      String partner,
      String flow,
      int year,
      Integer month,
      String hsCode) {
    return join(source, reporter, partner, flow, tradePeriod(year, month), hsCode);
  }

  /** Message key of a trade record: its unordered country pair, as {@code ARM|KAZ}. */
  public static String tradeMessageKey(TradeRecord r) {
    return countryPair(r.getReporter(), r.getPartner());
  }

  /** Two countries in a fixed order, whichever reports: {@code ARM|KAZ} for KAZ-ARM and ARM-KAZ. */
  public static String countryPair(String country, String other) {
    return country.compareTo(other) <= 0 ? join(country, other) : join(other, country);
  }

  /** Identity of one FDI figure; every revision of it shares this key. */
  public static String fdiRecordKey(
      String source,
      String reporter,
      String counterpart,
      String direction,
      String measure,
      int year,
      Integer quarter) {
    return join(source, reporter, counterpart, direction, measure, fdiPeriod(year, quarter));
  }

  /** Message key of an FDI record: its series, source|reporter|counterpart|direction|measure. */
  public static String fdiMessageKey(FdiRecord r) {
    return join(
        r.getSource(), r.getReporter(), r.getCounterpart(), r.getDirection(), r.getMeasure());
  }

  /**
   * Identity of a release: source|reporter|YYYY-MM|flows|scope, the scope being the partners it
   * covers ({@code *} for all), so that extracts of the same month for other flows or partners
   * stand side by side and a re-release of the same extract is a revision.
   */
  public static String releaseKey(
      String source, String reporter, int year, int month, List<?> flows, List<String> partners) {
    StringBuilder f = new StringBuilder();
    for (Object flow : flows) {
      f.append(f.length() == 0 ? "" : ",").append(flow);
    }
    String scope = partners == null ? "*" : String.join(",", partners);
    return join(source, reporter, tradePeriod(year, month), f, scope);
  }

  /** Message key of a release: source|reporter. */
  public static String releaseMessageKey(Release r) {
    return join(r.getSource(), r.getReporter());
  }

  /** Event time of a release: the last instant of its month, after the figures it releases. */
  public static long releaseTimestamp(Release r) {
    int next = r.getMonth() == 12 ? 1 : r.getMonth() + 1;
    return startOf(r.getMonth() == 12 ? r.getYear() + 1 : r.getYear(), next) - 1;
  }

  public static String targetMessageKey(TargetDefinition t) {
    return t.getTargetId();
  }

  /** Event time of a trade figure: the first instant (UTC) of its statistical period. */
  public static long tradeTimestamp(TradeRecord r) {
    return startOf(r.getYear(), r.getMonth() == null ? 1 : r.getMonth());
  }

  /** Event time of an FDI figure: the first instant (UTC) of its year or quarter. */
  public static long fdiTimestamp(FdiRecord r) {
    return startOf(r.getYear(), r.getQuarter() == null ? 1 : (r.getQuarter() - 1) * 3 + 1);
  }

  /** Event time of a target: the start of its base year. */
  public static long targetTimestamp(TargetDefinition t) {
    return startOf(t.getBaseYear(), 1);
  }

  private static long startOf(int year, int month) {
    return LocalDate.of(year, month, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
