package io.tradewatch.streams.domain;

import java.math.BigDecimal;

/**
 * An annual figure with where it came from.
 *
 * @param value the figure: the annual record, or the sum of the released months (zero when none)
 * @param basis annual record, sum of months, or none
 * @param complete whether the figure covers the whole year (an annual record, or all 12 months
 *     released)
 * @param monthsCovered months of the year released for this side
 */
public record AnnualValue(BigDecimal value, Basis basis, boolean complete, int monthsCovered) {}
