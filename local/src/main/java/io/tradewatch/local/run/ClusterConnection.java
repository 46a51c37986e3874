package io.tradewatch.local.run;

import io.tradewatch.broker.EmbeddedKafkaCluster;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

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

  /** Reads a Java properties file of Kafka client settings; its values are never logged. */
  public static Map<String, String> load(Path file) {
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      p.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read client config " + file + ": " + e, e);
    }
    Map<String, String> out = new TreeMap<>();
    p.stringPropertyNames().forEach(name -> out.put(name, p.getProperty(name)));
    return out;
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
