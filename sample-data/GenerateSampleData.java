import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;

/**
 * Writes the tradewatch sample data set (synthetic Kazakhstan-Armenia trade, FDI and one target)
 * and then checks, from the files it wrote, that every published total is met to the cent.
 *
 * <p>Run from the repository root: {@code java sample-data/GenerateSampleData.java [OUTPUT_DIR]}
 * (default {@code sample-data}). No dependencies; Java 17.
 *
 * <p>Only the yearly totals are published figures (Kazakh BNS, ArmStat and National Bank of Kazakhstan releases). The product, month
 * and weight breakdown is invented: it is shaped to look plausible, not to be true.
 *
 * <p>Output is byte-for-byte reproducible: {@link Random} with a fixed seed (its algorithm is fixed
 * by the Java specification), integer weights, exact integer apportionment of cents, no clock, no
 * locale-dependent formatting and LF line endings.
 */
public final class GenerateSampleData {

  private static final long SEED = 20_240_915L;
  private static final String TRADE_HEADER =
      "source,reporter,partner,flow,period,hs_code,value_usd,net_weight_kg,quantity,quantity_unit,revision";
  private static final String FDI_HEADER =
      "source,reporter,counterpart,direction,measure,period,value_usd,revision";
  private static final String TARGET_HEADER =
      "target_id,name,source,reporter,partner,flow,hs_codes,target_usd,base_year,deadline_year,revision";

  // ---------------------------------------------------------------------------------------------
  // Published totals. Each is met exactly by the rows written; the self-check proves it.
  // ---------------------------------------------------------------------------------------------

  /** A yearly (or year-to-date) total for one source and flow, spread over months and products. */
  record Budget(String source, String flow, int year, int lastMonth, BigDecimal total, String basis) {}

  private static final List<Budget> KZ_BNS_BUDGETS =
      List.of(
          budget("KZ-BNS", "X", 2018, 12, "9870000.00", "chosen split of the 2018 turnover"),
          budget("KZ-BNS", "M", 2018, 12, "5300000.00", "chosen split of the 2018 turnover"),
          budget("KZ-BNS", "X", 2019, 12, "11650000.00", "chosen (no published figure)"),
          budget("KZ-BNS", "M", 2019, 12, "6750000.00", "chosen (no published figure)"),
          budget("KZ-BNS", "X", 2020, 12, "12480000.00", "chosen (no published figure)"),
          budget("KZ-BNS", "M", 2020, 12, "7120000.00", "chosen (no published figure)"),
          budget("KZ-BNS", "X", 2021, 12, "22760000.00", "chosen (no published figure)"),
          budget("KZ-BNS", "M", 2021, 12, "11740000.00", "chosen (no published figure)"),
          budget("KZ-BNS", "X", 2022, 12, "26430000.00", "chosen split of the 2022 turnover"),
          budget("KZ-BNS", "M", 2022, 12, "16700000.00", "chosen split of the 2022 turnover"),
          budget("KZ-BNS", "X", 2023, 12, "33300000.00", "published: 33.3 M USD"),
          budget("KZ-BNS", "M", 2023, 12, "19800000.00", "published: 19.8 M USD"),
          budget("KZ-BNS", "X", 2024, 7, "9400000.00", "published: 9.4 M USD (Jan-Jul)"),
          budget("KZ-BNS", "M", 2024, 7, "8500000.00", "published: 8.5 M USD (Jan-Jul)"));

  private static final List<Budget> AM_ARMSTAT_BUDGETS =
      List.of(
          budget("AM-ARMSTAT", "X", 2022, 12, "18760000.00", "chosen split of the 2022 turnover"),
          budget("AM-ARMSTAT", "M", 2022, 12, "23040000.00", "chosen split of the 2022 turnover"),
          budget("AM-ARMSTAT", "X", 2023, 12, "71300000.00", "published: about 71.3 M USD"),
          budget("AM-ARMSTAT", "M", 2023, 12, "29100000.00", "rest of the published 100.4 M"));

  /** Turnover (X + M) per year and the published figure it stands for. */
  private static final Map<String, String[]> TURNOVER_CLAIMS = new TreeMap<>();

  static {
    TURNOVER_CLAIMS.put("KZ-BNS|2018", new String[] {"15170000.00", "2023 is x3.50 of it (published: x3.5 in five years)"});
    TURNOVER_CLAIMS.put("KZ-BNS|2019", new String[] {"18400000.00", "chosen"});
    TURNOVER_CLAIMS.put("KZ-BNS|2020", new String[] {"19600000.00", "chosen"});
    TURNOVER_CLAIMS.put("KZ-BNS|2021", new String[] {"34500000.00", "chosen"});
    TURNOVER_CLAIMS.put("KZ-BNS|2022", new String[] {"43130000.00", "about 43.1 M, implied by the published +23.1 % for 2023"});
    TURNOVER_CLAIMS.put("KZ-BNS|2023", new String[] {"53100000.00", "published: 53.1 M USD, +23.12 % on 2022"});
    TURNOVER_CLAIMS.put("KZ-BNS|2024", new String[] {"17900000.00", "published: 17.9 M USD (Jan-Jul)"});
    TURNOVER_CLAIMS.put("AM-ARMSTAT|2022", new String[] {"41800000.00", "published: about 41.8 M USD"});
    TURNOVER_CLAIMS.put("AM-ARMSTAT|2023", new String[] {"100400000.00", "published: about 100.4 M USD, x2.40 on 2022"});
  }

  /** Gross FDI inflow into Kazakhstan from Armenia (KZ-NBK), 2005..2024. Sum 20,600,000.00. */
  private static final String[] FDI_INWARD = {
    "0.00", "84250.00", "0.00", "212730.00", "46180.00", // 2005-2009
    "0.00", "158900.00", "305410.00", "227660.00", "0.00", // 2010-2014
    "412300.00", "268950.00", "531720.00", "744180.00", "968400.00", // 2015-2019
    "615230.00", "1872560.00", "3000000.00", "6000000.00", "5151530.00" // 2020-2024
  };

  /** Gross FDI inflow into Armenia from Kazakhstan (KZ-NBK), 2005..2024. Sum 56,500,000.00. */
  private static final String[] FDI_OUTWARD = {
    "1252340.00", "2478915.00", "4915060.00", "7631480.00", "3118270.00", // 2005-2009
    "2046530.00", "3869140.00", "5210775.00", "4358620.00", "1981305.00", // 2010-2014
    "0.00", "741860.00", "1324590.00", "2160435.00", "1889710.00", // 2015-2019
    "0.00", "2415280.00", "3641950.00", "4869525.00", "2594215.00" // 2020-2024
  };

  private static final int FDI_FIRST_YEAR = 2005;
  private static final BigDecimal FDI_INWARD_TOTAL = money("20600000.00");
  private static final BigDecimal FDI_OUTWARD_TOTAL = money("56500000.00");

  // ---------------------------------------------------------------------------------------------
  // Products. Weights are relative shares inside one flow; season is a per-month factor in
  // percent (0 = not traded that month); trend is a yearly factor in percent.
  // ---------------------------------------------------------------------------------------------

  /**
   * One HS heading in one flow.
   *
   * @param presencePct chance that a (month, product) cell has a row at all; 100 = every month
   * @param usdPerKg typical unit value, used to derive a plausible net weight
   * @param kgPerUnit net kg per supplementary unit (empty when there is no supplementary unit)
   */
  record Product(
      String hs,
      int weight,
      int presencePct,
      int[] season,
      IntUnaryOperator yearPct,
      String usdPerKg,
      String unit,
      String kgPerUnit) {}

  private static final int[] FLAT = {100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100};
  // Construction and road works stop in the winter in both countries.
  private static final int[] BUILDING = {45, 50, 80, 110, 130, 140, 140, 140, 125, 110, 70, 45};
  // Heating season: fuels and transformers for winter peaks are shipped in autumn.
  private static final int[] AUTUMN = {110, 95, 90, 80, 75, 80, 85, 95, 115, 125, 130, 120};
  // Grain moves after the harvest (Aug-Dec) and runs down by early summer.
  private static final int[] GRAIN = {100, 95, 90, 80, 60, 40, 35, 90, 150, 160, 150, 130};
  // Holidays (New Year, Nowruz, March 8) lift confectionery and brandy.
  private static final int[] FESTIVE = {80, 95, 120, 90, 85, 80, 80, 85, 95, 110, 130, 170};
  private static final int[] GRAPES = {0, 0, 0, 0, 0, 0, 20, 160, 320, 300, 90, 20};
  private static final int[] APPLES = {90, 70, 50, 30, 0, 0, 0, 40, 140, 190, 170, 130};
  private static final int[] APRICOTS = {0, 0, 0, 0, 0, 130, 330, 190, 40, 0, 0, 0};
  private static final int[] TOMATOES = {60, 70, 100, 140, 170, 160, 120, 90, 80, 70, 60, 60};
  private static final int[] VEGETABLES = {50, 50, 70, 100, 140, 170, 170, 150, 120, 90, 60, 50};
  private static final int[] BERRIES = {0, 0, 0, 0, 60, 220, 260, 200, 80, 0, 0, 0};
  private static final int[] DRIED = {110, 100, 90, 80, 70, 70, 70, 80, 100, 130, 140, 160};
  private static final int[] DRINKS = {60, 60, 80, 100, 120, 140, 150, 145, 110, 90, 70, 75};

  private static final IntUnaryOperator STEADY = y -> 100;

  private static IntUnaryOperator trend(int pctPerYear) {
    return y -> Math.max(10, 100 + pctPerYear * (y - 2018));
  }

  /** Kazakh exports to Armenia (KZ-BNS X) and their mirror (AM-ARMSTAT M). */
  private static final List<Product> KAZAKH_GOODS =
      List.of(
          new Product("2402", 240, 100, FLAT, trend(6), "8.20", "1000u", "0.90"),
          new Product("2403", 45, 80, FLAT, trend(4), "5.10", "", ""),
          new Product("8504", 120, 85, AUTUMN, trend(18), "9.40", "u", "38.0"),
          new Product("7202", 110, 90, FLAT, STEADY, "1.65", "", ""),
          new Product("7210", 60, 80, BUILDING, trend(5), "1.05", "", ""),
          new Product("7308", 55, 75, BUILDING, trend(8), "1.60", "", ""),
          new Product("7326", 30, 70, FLAT, trend(6), "3.50", "", ""),
          new Product("7601", 25, 55, FLAT, trend(3), "2.35", "", ""),
          // Wheat led Kazakh exports to Armenia until 2011; it survives here as a fading line.
          new Product("1001", 50, 70, GRAIN, trend(-12), "0.26", "", ""),
          new Product("1101", 40, 80, GRAIN, trend(-5), "0.33", "", ""),
          new Product("2710", 70, 80, AUTUMN, trend(7), "0.85", "", ""),
          new Product("3901", 45, 75, FLAT, trend(15), "1.20", "", ""),
          new Product("3902", 35, 70, FLAT, trend(15), "1.15", "", ""),
          new Product("2523", 30, 65, BUILDING, trend(4), "0.06", "", ""),
          new Product("6810", 20, 55, BUILDING, trend(6), "0.12", "", ""),
          new Product("1905", 25, 80, FESTIVE, trend(5), "2.80", "", ""),
          new Product("1704", 20, 75, FESTIVE, trend(5), "3.20", "", ""),
          new Product("0402", 25, 70, FLAT, trend(3), "3.00", "", ""),
          new Product("1512", 20, 65, FLAT, trend(4), "1.10", "", ""));

  /** Armenian exports to Kazakhstan (KZ-BNS M) and AM-ARMSTAT X. */
  private static final List<Product> ARMENIAN_GOODS =
      List.of(
          new Product("0806", 120, 100, GRAPES, trend(5), "1.10", "", ""),
          new Product("0808", 60, 95, APPLES, trend(4), "0.70", "", ""),
          new Product("0809", 70, 100, APRICOTS, trend(6), "1.60", "", ""),
          new Product("0810", 25, 90, BERRIES, trend(8), "2.40", "", ""),
          new Product("0702", 45, 85, TOMATOES, trend(7), "0.90", "", ""),
          new Product("0709", 30, 80, VEGETABLES, trend(5), "1.30", "", ""),
          new Product("2402", 150, 100, FLAT, trend(4), "9.50", "1000u", "0.90"),
          new Product("2208", 160, 100, FESTIVE, trend(3), "6.50", "l", "0.95"),
          new Product("2204", 35, 80, FESTIVE, trend(6), "3.20", "l", "1.00"),
          new Product("2201", 40, 90, DRINKS, trend(5), "0.45", "l", "1.00"),
          new Product("2009", 20, 70, DRINKS, trend(4), "1.00", "", ""),
          new Product("0406", 35, 85, FLAT, trend(6), "5.50", "", ""),
          new Product("1806", 45, 90, FESTIVE, trend(5), "5.00", "", ""),
          new Product("0813", 20, 75, DRIED, trend(4), "4.50", "", ""),
          new Product("2005", 15, 65, FLAT, trend(3), "1.40", "", ""),
          new Product("7113", 40, 60, FESTIVE, trend(8), "2500.00", "", ""));

  /**
   * Goods that Armenia reports as exports to Kazakhstan in 2023 far above Kazakhstan's own import
   * figures: re-exports (electronics, cars) recorded by consignment, not by origin. They make the
   * mirror gap concentrate in a few headings, as it does in real data. The 2023 factor is what
   * turns x1.0 into the published x3.8.
   */
  private static final List<Product> ARMENIAN_REEXPORTS =
      List.of(
          new Product("8517", 30, 60, FLAT, y -> y >= 2023 ? 4000 : 100, "120.00", "u", "0.35"),
          new Product("8471", 20, 55, FLAT, y -> y >= 2023 ? 3500 : 100, "90.00", "u", "2.50"),
          new Product("8703", 15, 40, FLAT, y -> y >= 2023 ? 4500 : 100, "12.00", "u", "1400"));

  /**
   * The 70 headings of the Kazakh export list for Armenia. The published list is not itemised;
   * this one covers its five announced groups and every heading Kazakhstan exports to Armenia in
   * the sample except tobacco (2402, 2403), which the list leaves out.
   */
  private static final List<String> TARGET_HS_CODES =
      List.of(
          // metallurgy (21)
          "7201", "7202", "7207", "7208", "7209", "7210", "7213", "7214", "7216", "7228",
          "7304", "7306", "7308", "7312", "7326", "7403", "7408", "7601", "7604", "7606",
          "7901",
          // petrochemicals and chemicals (15)
          "2710", "2711", "2713", "2901", "2902", "2905", "2815", "3102", "3105", "3403",
          "3901", "3902", "3904", "3917", "3923",
          // food processing (14)
          "0402", "0405", "1101", "1102", "1103", "1512", "1601", "1701", "1704", "1902",
          "1905", "2103", "2106", "2202",
          // construction materials (10)
          "2517", "2520", "2522", "2523", "3208", "6806", "6810", "6907", "7005", "8504",
          // agriculture (10)
          "0201", "0204", "0207", "0713", "1001", "1003", "1005", "1205", "1206", "2304");

  private static final String TARGET_ID = "KZ-ARM-70-PRODUCTS";
  private static final String TARGET_NAME = "Kazakh export list for Armenia: 70 products";
  private static final BigDecimal TARGET_USD = money("350000000.00");

  // ---------------------------------------------------------------------------------------------

  record TradeRow(
      String source,
      String reporter,
      String partner,
      String flow,
      YearMonth period,
      String hs,
      BigDecimal valueUsd,
      BigDecimal netWeightKg,
      BigDecimal quantity,
      String unit) {

    String csv() {
      return String.join(
          ",",
          source,
          reporter,
          partner,
          flow,
          period.toString(),
          hs,
          valueUsd.toPlainString(),
          netWeightKg == null ? "" : netWeightKg.toPlainString(),
          quantity == null ? "" : quantity.toPlainString(),
          quantity == null ? "" : unit,
          "1");
    }
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "sample-data");
    Files.createDirectories(out);
    Random random = new Random(SEED);

    List<TradeRow> kz = trade(random, "KZ-BNS", "KAZ", "ARM", KZ_BNS_BUDGETS);
    List<TradeRow> am = trade(random, "AM-ARMSTAT", "ARM", "KAZ", AM_ARMSTAT_BUDGETS);
    write(out.resolve("trade-kz-bns.csv"), TRADE_HEADER, kz.stream().map(TradeRow::csv).toList());
    write(out.resolve("trade-am-armstat.csv"), TRADE_HEADER, am.stream().map(TradeRow::csv).toList());
    write(out.resolve("fdi-kz-nbk.csv"), FDI_HEADER, fdiLines());
    write(out.resolve("targets.csv"), TARGET_HEADER, List.of(targetLine()));
    Files.writeString(out.resolve("README.md"), readme(), StandardCharsets.UTF_8);

    List<String> problems = new Verifier(out).run();
    if (!problems.isEmpty()) {
      System.err.println("GenerateSampleData: the files in " + out + " do not match the published totals:");
      problems.forEach(p -> System.err.println("  - " + p));
      System.exit(1);
    }
    System.out.printf(
        "GenerateSampleData: wrote %s (trade-kz-bns.csv %d rows, trade-am-armstat.csv %d rows,"
            + " fdi-kz-nbk.csv %d rows, targets.csv 1 row); all totals verified%n",
        out, kz.size(), am.size(), FDI_INWARD.length + FDI_OUTWARD.length);
  }

  // ---------------------------------------------------------------------------------------------
  // Trade
  // ---------------------------------------------------------------------------------------------

  private static List<TradeRow> trade(
      Random random, String source, String reporter, String partner, List<Budget> budgets) {
    boolean kazakhReporter = reporter.equals("KAZ");
    List<TradeRow> rows = new ArrayList<>();
    for (Budget b : budgets) {
      boolean kazakhGoods = kazakhReporter == b.flow().equals("X");
      List<Product> products = new ArrayList<>(kazakhGoods ? KAZAKH_GOODS : ARMENIAN_GOODS);
      if (!kazakhReporter && b.flow().equals("X")) {
        products.addAll(ARMENIAN_REEXPORTS);
      }
      rows.addAll(spread(random, b, reporter, partner, products));
    }
    rows.sort(
        Comparator.comparing(TradeRow::period)
            .thenComparing(r -> r.flow().equals("X") ? 0 : 1)
            .thenComparing(TradeRow::hs));
    return rows;
  }

  /** Spreads one budget over (month, product) cells, exactly to the cent. */
  private static List<TradeRow> spread(
      Random random, Budget b, String reporter, String partner, List<Product> products) {
    List<YearMonth> months = new ArrayList<>();
    List<Product> cellProducts = new ArrayList<>();
    List<Long> weights = new ArrayList<>();
    for (int m = 1; m <= b.lastMonth(); m++) {
      for (Product p : products) {
        int season = p.season()[m - 1];
        // Always draw, even when the cell is skipped, so one product's gaps do not shift
        // the random stream of the others.
        int presence = random.nextInt(100);
        int noise = 70 + random.nextInt(61);
        if (season == 0 || presence >= p.presencePct()) {
          continue;
        }
        months.add(YearMonth.of(b.year(), m));
        cellProducts.add(p);
        weights.add((long) p.weight() * p.yearPct().applyAsInt(b.year()) * season * noise);
      }
    }
    long[] cents = apportion(b.total().movePointRight(2).longValueExact(), weights);

    List<TradeRow> rows = new ArrayList<>();
    for (int i = 0; i < cents.length; i++) {
      Product p = cellProducts.get(i);
      BigDecimal value = BigDecimal.valueOf(cents[i], 2);
      // Unit values scatter around the typical one by +-20 %.
      BigDecimal usdPerKg =
          new BigDecimal(p.usdPerKg()).multiply(BigDecimal.valueOf(80 + random.nextInt(41), 2));
      BigDecimal kg = value.divide(usdPerKg, 3, RoundingMode.HALF_UP);
      BigDecimal quantity =
          p.unit().isEmpty()
              ? null
              : kg.divide(new BigDecimal(p.kgPerUnit()), 0, RoundingMode.HALF_UP).max(BigDecimal.ONE);
      // Some declarations come without a net weight, as in real customs data.
      boolean weightMissing = random.nextInt(100) < 4;
      rows.add(
          new TradeRow(
              b.source(), reporter, partner, b.flow(), months.get(i), p.hs(), value,
              weightMissing ? null : kg, quantity, p.unit()));
    }
    return rows;
  }

  /**
   * Largest-remainder (Hamilton) apportionment: floors of the exact shares, then the leftover
   * cents to the largest remainders. Integer arithmetic throughout, so the sum is exact.
   */
  static long[] apportion(long totalCents, List<Long> weights) {
    BigInteger total = BigInteger.valueOf(totalCents);
    BigInteger sum = weights.stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
    if (sum.signum() <= 0) {
      throw new IllegalStateException("no cells to spread " + totalCents + " cents over");
    }
    int n = weights.size();
    long[] cents = new long[n];
    BigInteger[] remainders = new BigInteger[n];
    long assigned = 0;
    for (int i = 0; i < n; i++) {
      BigInteger[] qr = total.multiply(BigInteger.valueOf(weights.get(i))).divideAndRemainder(sum);
      cents[i] = qr[0].longValueExact();
      remainders[i] = qr[1];
      assigned += cents[i];
    }
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparing((Integer i) -> remainders[i]).reversed().thenComparing(i -> i));
    for (int k = 0; k < totalCents - assigned; k++) {
      cents[order[k]]++;
    }
    return cents;
  }

  // ---------------------------------------------------------------------------------------------
  // FDI and targets
  // ---------------------------------------------------------------------------------------------

  private static List<String> fdiLines() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < FDI_INWARD.length; i++) {
      int year = FDI_FIRST_YEAR + i;
      lines.add(fdiLine("INWARD", year, FDI_INWARD[i]));
      lines.add(fdiLine("OUTWARD", year, FDI_OUTWARD[i]));
    }
    return lines;
  }

  private static String fdiLine(String direction, int year, String value) {
    return String.join(
        ",", "KZ-NBK", "KAZ", "ARM", direction, "GROSS_INFLOW", Integer.toString(year),
        money(value).toPlainString(), "1");
  }

  private static String targetLine() {
    return String.join(
        ",", TARGET_ID, TARGET_NAME, "KZ-BNS", "KAZ", "ARM", "X", String.join(" ", TARGET_HS_CODES),
        TARGET_USD.toPlainString(), "2023", "", "1");
  }

  // ---------------------------------------------------------------------------------------------
  // Self-check: re-reads the written files and recomputes every guaranteed figure.
  // ---------------------------------------------------------------------------------------------

  static final class Verifier {
    private final Path dir;
    private final List<String> problems = new ArrayList<>();

    Verifier(Path dir) {
      this.dir = dir;
    }

    List<String> run() {
      checkTrade("trade-kz-bns.csv", KZ_BNS_BUDGETS);
      checkTrade("trade-am-armstat.csv", AM_ARMSTAT_BUDGETS);
      checkFdi();
      checkTarget();
      return problems;
    }

    private void checkTrade(String file, List<Budget> budgets) {
      List<String[]> rows = read(file, TRADE_HEADER, 11);
      Map<String, BigDecimal> sums = new TreeMap<>();
      Set<String> cells = new TreeSet<>();
      Set<String> keys = new TreeSet<>();
      for (String[] r : rows) {
        BigDecimal value = new BigDecimal(r[6]);
        if (value.scale() != 2 || value.signum() <= 0) {
          problems.add(file + ": value_usd " + r[6] + " is not a positive amount with 2 decimals");
        }
        if (!r[5].matches("\\d{4}")) {
          problems.add(file + ": hs_code " + r[5] + " is not a 4-digit heading");
        }
        if (!keys.add(r[0] + "|" + r[3] + "|" + r[4] + "|" + r[5])) {
          problems.add(file + ": duplicate row for " + r[3] + " " + r[4] + " " + r[5]);
        }
        String year = r[4].substring(0, 4);
        sums.merge(r[0] + "|" + r[3] + "|" + year, value, BigDecimal::add);
        sums.merge(r[0] + "|T|" + year, value, BigDecimal::add);
        cells.add(r[3] + "|" + r[4]);
      }
      for (Budget b : budgets) {
        expect(file + " " + b.flow() + " " + b.year(), sums.get(b.source() + "|" + b.flow() + "|" + b.year()), b.total());
        for (int m = 1; m <= b.lastMonth(); m++) {
          String period = YearMonth.of(b.year(), m).toString();
          if (!cells.contains(b.flow() + "|" + period)) {
            problems.add(file + ": no " + b.flow() + " row in " + period);
          }
        }
      }
      String source = budgets.get(0).source();
      TURNOVER_CLAIMS.forEach(
          (key, claim) -> {
            if (key.startsWith(source + "|")) {
              String year = key.substring(key.indexOf('|') + 1);
              expect(file + " turnover " + year, sums.get(source + "|T|" + year), money(claim[0]));
            }
          });
      long expectedYears = budgets.stream().map(Budget::year).distinct().count();
      long years = sums.keySet().stream().filter(k -> k.contains("|T|")).count();
      if (years != expectedYears) {
        problems.add(file + ": rows span " + years + " years, expected " + expectedYears);
      }
    }

    private void checkFdi() {
      List<String[]> rows = read("fdi-kz-nbk.csv", FDI_HEADER, 8);
      Map<String, BigDecimal> byKey = new TreeMap<>();
      BigDecimal inward = BigDecimal.ZERO;
      BigDecimal outward = BigDecimal.ZERO;
      for (String[] r : rows) {
        BigDecimal value = new BigDecimal(r[6]);
        if (value.scale() != 2 || value.signum() < 0) {
          problems.add("fdi-kz-nbk.csv: value_usd " + r[6] + " is not a non-negative amount with 2 decimals");
        }
        byKey.put(r[3] + "|" + r[5], value);
        if (r[3].equals("INWARD")) {
          inward = inward.add(value);
        } else {
          outward = outward.add(value);
        }
      }
      expect("fdi-kz-nbk.csv INWARD 2005-2024", inward, FDI_INWARD_TOTAL);
      expect("fdi-kz-nbk.csv OUTWARD 2005-2024", outward, FDI_OUTWARD_TOTAL);
      expect("fdi-kz-nbk.csv INWARD 2022", byKey.get("INWARD|2022"), money("3000000.00"));
      expect("fdi-kz-nbk.csv INWARD 2023", byKey.get("INWARD|2023"), money("6000000.00"));
      if (rows.size() != 40) {
        problems.add("fdi-kz-nbk.csv: " + rows.size() + " rows, expected 40 (2 directions x 20 years)");
      }
    }

    private void checkTarget() {
      List<String[]> rows = read("targets.csv", TARGET_HEADER, 11);
      if (rows.size() != 1) {
        problems.add("targets.csv: " + rows.size() + " rows, expected 1");
        return;
      }
      String[] t = rows.get(0);
      List<String> codes = List.of(t[6].split(" "));
      Set<String> distinct = new LinkedHashSet<>(codes);
      if (codes.size() != 70 || distinct.size() != 70) {
        problems.add("targets.csv: " + distinct.size() + " distinct of " + codes.size() + " hs_codes, expected 70");
      }
      if (!codes.stream().allMatch(c -> c.matches("\\d{4}"))) {
        problems.add("targets.csv: hs_codes holds a code that is not a 4-digit heading");
      }
      for (Product p : KAZAKH_GOODS) {
        boolean tobacco = p.hs().startsWith("24");
        if (tobacco == distinct.contains(p.hs())) {
          problems.add("targets.csv: heading " + p.hs() + (tobacco ? " is tobacco and must not be listed" : " is exported but not listed"));
        }
      }
      expect("targets.csv target_usd", new BigDecimal(t[7]), TARGET_USD);
    }

    private List<String[]> read(String file, String header, int columns) {
      try {
        String text = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        if (text.contains("\r") || !text.endsWith("\n")) {
          problems.add(file + ": line endings must be LF, with a final newline");
        }
        List<String> lines = List.of(text.split("\n"));
        if (!lines.get(0).equals(header)) {
          problems.add(file + ": header is '" + lines.get(0) + "'");
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
          String[] fields = line.split(",", -1);
          if (fields.length != columns) {
            problems.add(file + ": " + fields.length + " fields in '" + line + "'");
          } else {
            rows.add(fields);
          }
        }
        return rows;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot re-read " + file + " for the self-check", e);
      }
    }

    private void expect(String what, BigDecimal actual, BigDecimal expected) {
      if (actual == null || actual.compareTo(expected) != 0) {
        problems.add(what + ": sum is " + (actual == null ? "missing" : actual.toPlainString()) + ", expected " + expected.toPlainString());
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // README (generated, so its table of totals cannot drift from the constants above)
  // ---------------------------------------------------------------------------------------------

  private static String readme() {
    StringBuilder totals = new StringBuilder();
    totals.append("| file | source | year | flow | exact total (USD) | what it stands for |\n");
    totals.append("|---|---|---|---|---:|---|\n");
    List<Budget> all = new ArrayList<>(KZ_BNS_BUDGETS);
    all.addAll(AM_ARMSTAT_BUDGETS);
    String lastKey = null;
    for (Budget b : all) {
      String file = b.source().equals("KZ-BNS") ? "trade-kz-bns.csv" : "trade-am-armstat.csv";
      String year = b.year() + (b.lastMonth() < 12 ? " Jan-Jul" : "");
      totals.append(row(file, b.source(), year, b.flow(), b.total(), b.basis()));
      String key = b.source() + "|" + b.year();
      if (b.flow().equals("M") && !key.equals(lastKey)) {
        String[] claim = TURNOVER_CLAIMS.get(key);
        totals.append(row(file, b.source(), year, "X+M", money(claim[0]), claim[1]));
      }
      lastKey = b.flow().equals("M") ? key : lastKey;
    }
    totals.append(row("fdi-kz-nbk.csv", "KZ-NBK", "2005-2024", "INWARD", FDI_INWARD_TOTAL, "published: 20.6 M USD cumulative"));
    totals.append(row("fdi-kz-nbk.csv", "KZ-NBK", "2022", "INWARD", money(FDI_INWARD[2022 - FDI_FIRST_YEAR]), "published: 3 M USD"));
    totals.append(row("fdi-kz-nbk.csv", "KZ-NBK", "2023", "INWARD", money(FDI_INWARD[2023 - FDI_FIRST_YEAR]), "published: 6 M USD, twice 2022"));
    totals.append(row("fdi-kz-nbk.csv", "KZ-NBK", "2005-2024", "OUTWARD", FDI_OUTWARD_TOTAL, "published: 56.5 M USD cumulative"));
    totals.append(row("targets.csv", "KZ-BNS", "base 2023", "X", TARGET_USD, "published: 350 M USD, 70 products, no deadline"));

    return """
        # Sample data

        Synthetic Kazakhstan-Armenia figures for the tradewatch demo and the end-to-end tests.
        **Generated file: edit `GenerateSampleData.java`, not this README.**

        Only the yearly totals below are real: they reproduce figures published by the Kazakh
        and Armenian authorities (Kazakhstan's Bureau of National Statistics and National Bank, Armenia's statistics committee). Everything finer
        than a year and a flow (the split over months and HS headings, net weights,
        quantities, the FDI years other than 2022 and 2023) is invented to look plausible and
        must not be quoted as data.

        ## Guaranteed totals

        Sums of `value_usd` over the rows of each file, exact to the cent. The generator
        recomputes every one of them from the files it has just written and exits with status 1,
        naming the figure, if any differs.

        %s
        Ratios the tests can rely on: KZ-BNS turnover 2023 / 2022 = 53,100,000.00 / 43,130,000.00
        = +23.12 %% (published +23.1 %%); 2023 / 2018 = x3.50 (published x3.5). AM-ARMSTAT
        exports 2023 / 2022 = x3.80 and turnover x2.40 (both as published). KZ-BNS 2024 covers
        January to July only, and its exports run well below the 2023 monthly pace: that is
        the published figure, not an artefact of the generator.

        The two trade files describe the same trade seen from each side and must never be
        added together: each side values its imports CIF and its exports FOB, the two attribute
        partners differently (origin or consignment), and Armenia re-exported a lot in 2023. In
        this sample the 2023 mirror gap sits mostly in HS 8517, 8471 and 8703 (re-exported
        electronics and cars), which appear only on the Armenian side.

        ## Files

        All files are UTF-8 CSV with a header line, comma-separated, LF line endings, no
        quoting (no field contains a comma). Money is US dollars with exactly two decimals.
        Every row has `revision` 1 (first publication).

        ### `trade-kz-bns.csv`: trade as reported by Kazakhstan (Bureau of National Statistics)

        Monthly, 2018-01 to 2024-07. Every month has at least one `X` and one `M` row.

        | column | meaning |
        |---|---|
        | `source` | `KZ-BNS`, the publisher of the figure |
        | `reporter` | `KAZ`, ISO 3166-1 alpha-3 of the reporting country |
        | `partner` | `ARM` |
        | `flow` | `X` exports of the reporter to the partner, `M` imports of the reporter from the partner |
        | `period` | month, `YYYY-MM` |
        | `hs_code` | HS heading, 4 digits, a string (leading zeros matter: `0806`) |
        | `value_usd` | trade value, USD, 2 decimals |
        | `net_weight_kg` | net weight, kg, 3 decimals; empty when not declared |
        | `quantity` | supplementary quantity in `quantity_unit`; empty when the heading has none |
        | `quantity_unit` | `u` items, `1000u` thousand items (cigarettes), `l` litres; empty with `quantity` |
        | `revision` | 1 |

        Kazakh exports (`X`): tobacco (2402, 2403), transformers (8504), ferroalloys (7202),
        steel and aluminium products (7210, 7308, 7326, 7601), wheat and flour (1001, 1101;
        wheat fades year by year), petroleum products and plastics (2710, 3901, 3902),
        cement and concrete (2523, 6810), processed food (1905, 1704, 0402, 1512).
        Kazakh imports (`M`): grapes, apples, apricots, berries (0806, 0808, 0809, 0810; only
        in season), tomatoes and vegetables (0702, 0709), cigarettes (2402), brandy and wine
        (2208, 2204), mineral water and juice (2201, 2009), cheese (0406), chocolate (1806),
        dried fruit (0813), preserved vegetables (2005), jewellery (7113).

        ### `trade-am-armstat.csv`: the same trade as reported by Armenia (Armstat)

        Same columns. `source` `AM-ARMSTAT`, `reporter` `ARM`, `partner` `KAZ`, monthly
        2022-01 to 2023-12. `X` is Armenian exports to Kazakhstan (the headings of the KZ-BNS
        `M` rows plus the re-exports 8517, 8471, 8703), `M` is Armenian imports from Kazakhstan
        (the headings of the KZ-BNS `X` rows).

        ### `fdi-kz-nbk.csv`: foreign direct investment (National Bank of Kazakhstan)

        | column | meaning |
        |---|---|
        | `source` | `KZ-NBK` |
        | `reporter` | `KAZ` |
        | `counterpart` | `ARM` |
        | `direction` | `INWARD` into Kazakhstan from Armenia, `OUTWARD` from Kazakhstan into Armenia |
        | `measure` | `GROSS_INFLOW` (never negative) |
        | `period` | year, `YYYY`, 2005 to 2024 |
        | `value_usd` | USD, 2 decimals; `0.00` in years without an inflow |
        | `revision` | 1 |

        ### `targets.csv`: the Kazakh export list for Armenia

        One row. `target_id` `KZ-ARM-70-PRODUCTS`; `name`; `source` `KZ-BNS` (only Kazakh
        figures count towards it); `reporter` `KAZ`; `partner` `ARM`; `flow` `X`; `hs_codes`:
        70 distinct HS headings separated by single spaces (metallurgy, petrochemicals, food
        processing, construction materials, agriculture; the actual list is not published, so
        these are chosen; they include every heading of the KZ-BNS `X` rows except tobacco
        2402 and 2403); `target_usd` 350000000.00 a year; `base_year` 2023; `deadline_year`
        empty because none was announced; `revision` 1.

        ## Regenerate

        From the repository root (Java 17, no build needed):

            java sample-data/GenerateSampleData.java            # writes into sample-data/
            java sample-data/GenerateSampleData.java /tmp/out   # or into another directory

        The output is byte-for-byte identical on every run (fixed random seed, integer
        arithmetic for money, no clock). It also rewrites this README.
        """.formatted(totals);
  }

  private static String row(String file, String source, String year, String flow, BigDecimal total, String basis) {
    return "| `%s` | %s | %s | %s | %s | %s |\n".formatted(file, source, year, flow, grouped(total), basis);
  }

  /** 1234567.80 -> 1,234,567.80, without locale-dependent formatting. */
  private static String grouped(BigDecimal amount) {
    String plain = amount.toPlainString();
    int dot = plain.indexOf('.');
    StringBuilder integer = new StringBuilder(plain.substring(0, dot));
    for (int i = integer.length() - 3; i > 0; i -= 3) {
      integer.insert(i, ',');
    }
    return integer + plain.substring(dot);
  }

  private static Budget budget(String source, String flow, int year, int lastMonth, String total, String basis) {
    return new Budget(source, flow, year, lastMonth, money(total), basis);
  }

  private static BigDecimal money(String value) {
    return new BigDecimal(value).setScale(2, RoundingMode.UNNECESSARY);
  }

  private static void write(Path file, String header, List<String> lines) {
    StringBuilder text = new StringBuilder(header).append('\n');
    lines.forEach(line -> text.append(line).append('\n'));
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private GenerateSampleData() {}
}
