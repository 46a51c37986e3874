package io.tradewatch.bench;

import java.util.Locale;

/**
 * The shapes of synthetic input the benchmark drains, each pre-loaded on input topics of its own.
 */
public enum Shape {
  /**
   * {@code SyntheticTrade}: ~0.1 record per country pair and month over 25 years, so nearly every
   * record opens a series-month of its own; published in one batch, its releases at the end.
   */
  SPARSE,
  /**
   * {@code CustomsReleases}: whole reporter-months of thousands of HS6 rows (about 10 000 at 2
   * million records) that fold into few series, published release by release as offices do.
   */
  CUSTOMS;

  /** Its name on the command line and in the report. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The shape named {@code label}, in any letter case.
   *
   * @throws IllegalArgumentException naming the shapes there are
   */
  public static Shape of(String label) {
    for (Shape shape : values()) {
      if (shape.label().equalsIgnoreCase(label.trim())) {
        return shape;
      }
    }
    throw new IllegalArgumentException("'" + label + "' is not one of sparse, customs");
  }
}
