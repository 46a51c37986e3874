package io.tradewatch.schemas;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Consumer settings of every reader of the pipeline's topics outside the topology (dashboard feed,
 * reports, alert webhook, benchmark): only committed records, so that an aborted exactly-once
 * transaction is never shown, and no automatic offset commits, since each reader decides what it
 * has handled.
 */
public final class CommittedReads {
  private CommittedReads() {}

  /** A copy of {@code client} (connection, TLS, SASL) with the settings above on top. */
  public static Properties consumerProperties(Properties client) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return p;
  }
}
