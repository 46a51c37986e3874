package io.tradewatch.streams.topology;

import io.tradewatch.avro.Revision;
import java.math.BigDecimal;

/**
 * The latest-revision rule, whichever store keeps a figure's applied revision ({@link
 * LatestRevision} for targets, FDI figures and releases; {@link CellRevisions} for trade figures,
 * in their period cells):
 *
 * <ul>
 *   <li>a first publication or a higher revision is applied; a higher revision also yields a {@link
 *       Revision} record (first, previous and new value);
 *   <li>an exact repeat of the applied revision changes nothing (re-running a file is harmless);
 *   <li>an older revision, or the same revision number with a different value, cannot be applied:
 *       it is rejected with the reason.
 * </ul>
 */
final class RevisionRule {
  private RevisionRule() {}

  /** What a store keeps of a figure: its first publication and the revision applied now. */
  record Applied(int firstRevision, BigDecimal firstValueUsd, int revision, BigDecimal valueUsd) {
    /** The state after {@code revision} of value {@code amount} is applied on top of this one. */
    static Applied after(Applied before, int revision, BigDecimal amount) {
      return before == null
          ? new Applied(revision, amount, revision, amount)
          : new Applied(before.firstRevision, before.firstValueUsd, revision, amount);
    }
  }

  /**
   * The rule's verdict on {@code value} against what was {@code applied} before it (null when
   * nothing was): accepted (with the {@link Revision} it causes, null for a first publication),
   * rejected with the reason, or null for an exact repeat, which is ignored.
   */
  static <T> Checked<Revised<T>> judge(T value, RevisionIdentity<T> identity, Applied applied) {
    String key = identity.recordKey().apply(value);
    int revision = identity.revision().applyAsInt(value);
    BigDecimal amount = identity.valueUsd().apply(value);
    if (applied == null) {
      return Checked.ok(new Revised<>(value, null));
    }
    if (revision > applied.revision()) {
      return Checked.ok(
          new Revised<>(
              value,
              new Revision(
                  key,
                  identity.kind(),
                  applied.firstRevision(),
                  applied.firstValueUsd(),
                  applied.revision(),
                  applied.valueUsd(),
                  revision,
                  amount,
                  amount.subtract(applied.valueUsd()),
                  amount.subtract(applied.firstValueUsd()))));
    }
    if (revision == applied.revision() && amount.compareTo(applied.valueUsd()) == 0) {
      return null;
    }
    String reason =
        revision == applied.revision()
            ? "revision "
                + revision
                + " of "
                + key
                + " was already applied with value "
                + applied.valueUsd()
                + "; a corrected value needs a higher revision"
            : "revision "
                + revision
                + " of "
                + key
                + " is older than the applied revision "
                + applied.revision();
    return Checked.rejected(new Revised<>(value, null), reason);
  }

  /** The check name dead letters of this rule carry. */
  static final String CHECK = "stale-revision";
}
