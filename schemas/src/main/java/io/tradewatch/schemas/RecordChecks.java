package io.tradewatch.schemas;

import io.tradewatch.avro.FdiMeasure;
import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Frequency;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TradeRecord;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Semantic checks of input records, shared by the producers (before publishing) and the topology
 * (for records other producers wrote). Each check returns the first problem as a sentence a person
 * understands, or empty when the record is valid.
 */
public final class RecordChecks {
  /** Earliest statistical year accepted. */
  public static final int FIRST_YEAR = 1990;

  public static final String WORLD = "W00";
  private static final Set<String> ISO3 =
      Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3));
  private static final Pattern HS = Pattern.compile("\\d{2}|\\d{4}|\\d{6}");

  /**
   * Largest trade figure accepted: 100 trillion USD, several times a year of world trade. It bounds
   * every sum the topology forms (a year of monthly figures of all HS codes still fits the outputs'
   * decimal(20, 2)), so that no valid input can make a derived figure unrepresentable.
   */
  public static final BigDecimal MAX_TRADE_USD = new BigDecimal("100000000000000");

  private final Clock clock;

  public RecordChecks(Clock clock) {
    this.clock = clock;
  }

  public static RecordChecks systemUtc() {
    return new RecordChecks(Clock.system(ZoneOffset.UTC));
  }

  public Optional<String> check(TradeRecord r) {
    return first(
        source(r.getSource()),
        country("reporter", r.getReporter()),
        country("partner", r.getPartner()),
        r.getFlow() == Flow.UNKNOWN ? "flow is UNKNOWN (expected one of X, M, RX, RM, ...)" : null,
        monthly(r.getFrequency(), r.getYear(), r.getMonth()),
        hs(r.getHsCode(), r.getHsLevel()),
        r.getValueUsd() == null || r.getValueUsd().signum() < 0
            ? "valueUsd " + r.getValueUsd() + " is negative; trade values cannot be"
            : null,
        r.getValueUsd() != null && r.getValueUsd().compareTo(MAX_TRADE_USD) > 0
            ? "valueUsd "
                + r.getValueUsd().toPlainString()
                + " is above the largest trade figure accepted, "
                + MAX_TRADE_USD.toPlainString()
            : null,
        revision(r.getRevision()),
        key(
            r.getRecordKey(),
            Keys.tradeRecordKey(
                r.getSource(),
                r.getReporter(),
                r.getPartner(),
                r.getFlow().name(),
                r.getYear(),
                r.getMonth(),
                r.getHsCode())));
  }

  public Optional<String> check(FdiRecord r) {
    return first(
        source(r.getSource()),
        country("reporter", r.getReporter()),
        country("counterpart", r.getCounterpart()),
        r.getDirection().name().equals("UNKNOWN") ? "direction is UNKNOWN" : null,
        r.getMeasure() == FdiMeasure.UNKNOWN ? "measure is UNKNOWN" : null,
        quarterly(r.getFrequency(), r.getYear(), r.getQuarter()),
        r.getMeasure() != FdiMeasure.NET_FLOW && r.getValueUsd().signum() < 0
            ? "valueUsd "
                + r.getValueUsd()
                + " is negative; only NET_FLOW may be negative (disinvestment)"
            : null,
        revision(r.getRevision()),
        key(
            r.getRecordKey(),
            Keys.fdiRecordKey(
                r.getSource(),
                r.getReporter(),
                r.getCounterpart(),
                r.getDirection().name(),
                r.getMeasure().name(),
                r.getYear(),
                r.getQuarter())));
  }

  public Optional<String> check(Release r) {
    String partners = null;
    if (r.getPartners() != null) {
      for (String p : r.getPartners()) {
        if (!isCountry(p)) {
          partners = "partners holds '" + p + "', not an ISO 3166 alpha-3 code";
          break;
        }
      }
    }
    return first(
        source(r.getSource()),
        country("reporter", r.getReporter()),
        r.getMonth() < 1 || r.getMonth() > 12
            ? "month " + r.getMonth() + " is not 1-12 (releases are monthly)"
            : year(r.getYear(), r.getMonth()),
        r.getFlows().isEmpty() || r.getFlows().contains(Flow.UNKNOWN)
            ? "flows " + r.getFlows() + " must list known flows"
            : null,
        partners,
        r.getRows() < 0 ? "rows " + r.getRows() + " is negative" : null,
        revision(r.getRevision()),
        key(
            r.getReleaseKey(),
            Keys.releaseKey(
                r.getSource(),
                r.getReporter(),
                r.getYear(),
                r.getMonth(),
                r.getFlows(),
                r.getPartners())));
  }

  public Optional<String> check(TargetDefinition t) {
    String codes = null;
    for (String code : t.getHsCodes()) {
      if (!HS.matcher(code).matches()) {
        codes = "hsCodes holds '" + code + "', not an HS code of 2, 4 or 6 digits";
        break;
      }
    }
    return first(
        t.getTargetId() == null || t.getTargetId().isBlank() ? "targetId is blank" : null,
        source(t.getSource()),
        country("reporter", t.getReporter()),
        country("partner", t.getPartner()),
        t.getFlow() == Flow.UNKNOWN ? "flow is UNKNOWN" : null,
        codes,
        t.getTargetUsd().signum() <= 0 ? "targetUsd must be positive" : null,
        year(t.getBaseYear(), 1),
        t.getDeadlineYear() != null && t.getDeadlineYear() <= t.getBaseYear()
            ? "deadlineYear " + t.getDeadlineYear() + " is not after baseYear " + t.getBaseYear()
            : null,
        revision(t.getRevision()));
  }

  /** Whether a code is an ISO 3166-1 alpha-3 country code or W00, the World. */
  public static boolean isCountry(String code) {
    return code != null && (ISO3.contains(code) || WORLD.equals(code));
  }

  private static String source(String source) {
    if (source == null || source.isBlank()) {
      return "source is blank";
    }
    return source.contains(Keys.SEPARATOR) ? "source '" + source + "' contains '|'" : null;
  }

  private static String country(String field, String code) {
    return isCountry(code) ? null : field + " '" + code + "' is not an ISO 3166 alpha-3 code";
  }

  private String monthly(Frequency frequency, int year, Integer month) {
    if (frequency == Frequency.A) {
      return month != null ? "annual record carries month " + month : year(year, 12);
    }
    if (frequency == Frequency.M) {
      if (month == null || month < 1 || month > 12) {
        return "monthly record has month " + month + " (expected 1-12)";
      }
      return year(year, month);
    }
    return "frequency " + frequency + " is not A or M";
  }

  private String quarterly(Frequency frequency, int year, Integer quarter) {
    if (frequency == Frequency.A) {
      return quarter != null ? "annual record carries quarter " + quarter : year(year, 12);
    }
    if (frequency == Frequency.Q) {
      if (quarter == null || quarter < 1 || quarter > 4) {
        return "quarterly record has quarter " + quarter + " (expected 1-4)";
      }
      return year(year, quarter * 3 - 2);
    }
    return "frequency " + frequency + " is not A or Q";
  }

  /** The period must lie between 1990 and now (a period that has started). */
  private String year(int year, int firstMonthOfPeriod) {
    if (year < FIRST_YEAR) {
      return "period " + year + " is before " + FIRST_YEAR;
    }
    YearMonth now = YearMonth.now(clock);
    YearMonth start = YearMonth.of(year, firstMonthOfPeriod == 12 ? 1 : firstMonthOfPeriod);
    return start.isAfter(now) ? "period " + year + " is in the future" : null;
  }

  private static String hs(String code, int level) {
    if ("TOTAL".equals(code)) {
      return level == 0 ? null : "hsLevel " + level + " does not match TOTAL (expected 0)";
    }
    if (code == null || !HS.matcher(code).matches()) {
      return "hsCode '" + code + "' is not TOTAL or an HS code of 2, 4 or 6 digits";
    }
    return level == code.length() ? null : "hsLevel " + level + " does not match hsCode " + code;
  }

  private static String revision(int revision) {
    return revision < 1 ? "revision " + revision + " is below 1" : null;
  }

  private static String key(String actual, String expected) {
    return expected.equals(actual)
        ? null
        : "recordKey '" + actual + "' does not match its fields (expected '" + expected + "')";
  }

  private static Optional<String> first(String... problems) {
    for (String p : problems) {
      if (p != null) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** True when a decimal has no more than two decimals (cents). */
  public static boolean isCents(BigDecimal value) {
    return value.stripTrailingZeros().scale() <= 2;
  }
}
