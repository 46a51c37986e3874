package io.tradewatch.local.run;

import io.tradewatch.broker.EmbeddedKafkaCluster;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where Kafka is: a real cluster ({@code bootstrapServers} and any client properties, TLS and SASL
 * included), or, when no servers are given, a broker tradewatch starts itself, listening on {@code
 * brokerHost} only (loopback unless told otherwise).
 */
public record ClusterConnection(
    String bootstrapServers, Map<String, String> clientProperties, String brokerHost) {

  public ClusterConnection {
    clientProperties = Map.copyOf(clientProperties);
    if (brokerHost == null || brokerHost.isBlank()) {
      brokerHost = EmbeddedKafkaCluster.LOOPBACK;
    }
  }

  /** A connection whose embedded broker, if any, listens on loopback only. */
  public ClusterConnection(String bootstrapServers, Map<String, String> clientProperties) {
    this(bootstrapServers, clientProperties, null);
  }

  public static ClusterConnection embedded() {
    return new ClusterConnection(null, Map.of());
  }

  /**
   * The client settings with these bootstrap servers on top, a fresh copy for each client: the
   * user's cluster's, or an embedded broker's once started.
   */
  public Properties clientPropertiesFor(String servers) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers);
    return p;
  }

  public boolean isEmbedded() {
    return bootstrapServers == null || bootstrapServers.isBlank();
  }

  /** Names the client settings, never their values (passwords, keys). */
  @Override
  public String toString() {
    return "ClusterConnection[bootstrapServers="
        + (isEmbedded() ? "(embedded)" : bootstrapServers)
        + ", clientProperties="
        + new java.util.TreeSet<>(clientProperties.keySet())
        + "]";
  }
}
