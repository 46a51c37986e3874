package io.tradewatch.local.run;

/** The topology failed during a one-shot run: a stream thread died, or Kafka Streams stopped. */
public final class TopologyFailedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  TopologyFailedException(Throwable cause) {
    super(
        "the topology failed, its outputs may be incomplete: "
            + cause.getClass().getSimpleName()
            + ": "
            + cause.getMessage()
            + (cause.getCause() == null ? "" : " (caused by " + cause.getCause() + ")"),
        cause);
  }
}
