package io.tradewatch.streams.domain;

import java.math.BigDecimal;

/**
 * An annual figure with where it came from.
 *
 * @param value the figure (zero when nothing was reported)
 * @param basis annual record, sum of months, or none
 * @param complete whether the figure covers the whole year (an annual record, or all 12 months)
 */
public record AnnualValue(BigDecimal value, Basis basis, boolean complete) {}
