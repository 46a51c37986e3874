package io.tradewatch.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Client listeners with authentication or encryption that {@link EmbeddedKafkaCluster} opens beside
 * its plaintext one, so that tests can run tradewatch the way it runs against a secured production
 * cluster:
 *
 * <ul>
 *   <li>{@value #SASL_LISTENER}: {@code SASL_PLAINTEXT} with the mechanisms {@code PLAIN} and
 *       {@code SCRAM-SHA-512}, both knowing the users given here;
 *   <li>{@value #TLS_LISTENER}: {@code SSL}, the server certificate from a PKCS12 key store (no
 *       client certificate asked for).
 * </ul>
 *
 * Brokers and controllers keep talking to each other in plaintext on the test kit's own listeners:
 * what is under test is the clients' side. Every listener binds the cluster's host (loopback unless
 * told otherwise, see {@link EmbeddedKafkaCluster#start(int, SecureListeners, String)}). Immutable;
 * {@link #toString()} names users, never passwords.
 */
public final class SecureListeners {
  /** Name of the SASL_PLAINTEXT listener. */
  public static final String SASL_LISTENER = "SASL";

  /** Name of the SSL listener. */
  public static final String TLS_LISTENER = "TLS";

  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]+");

  private final Map<String, String> saslUsers;
  private final Path keyStore;
  private final String keyStorePassword;

  private SecureListeners(Map<String, String> saslUsers, Path keyStore, String keyStorePassword) {
    this.saslUsers = Collections.unmodifiableMap(new LinkedHashMap<>(saslUsers));
    this.keyStore = keyStore;
    this.keyStorePassword = keyStorePassword;
  }

  /** No secure listener: what {@link EmbeddedKafkaCluster#start(int)} opens. */
  public static SecureListeners none() {
    return new SecureListeners(Map.of(), null, null);
  }

  /**
   * Adds a user of the SASL listener, who can log in with {@code PLAIN} or {@code SCRAM-SHA-512}.
   *
   * @throws IllegalArgumentException for a name other than letters, digits, '.', '_' and '-', or a
   *     password that is empty or holds a quote or backslash (the JAAS syntax it goes into)
   */
  public SecureListeners withSaslUser(String name, String password) {
    if (name == null || !USER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "SASL user name must be letters, digits, '.', '_' or '-', was '" + name + "'");
    }
    if (password == null
        || password.isEmpty()
        || password.contains("\"")
        || password.contains("\\")) {
      throw new IllegalArgumentException(
          "SASL password of " + name + " must be non-empty, without '\"' or '\\'");
    }
    Map<String, String> users = new LinkedHashMap<>(saslUsers);
    users.put(name, password);
    return new SecureListeners(users, keyStore, keyStorePassword);
  }

  /**
   * Opens the TLS listener with the key and certificate in {@code pkcs12KeyStore} (key password =
   * store password, as PKCS12 has it).
   *
   * @throws IllegalArgumentException when the key store is not a readable file
   */
  public SecureListeners withTls(Path pkcs12KeyStore, String password) {
    Objects.requireNonNull(pkcs12KeyStore, "pkcs12KeyStore");
    Objects.requireNonNull(password, "password");
    if (!Files.isReadable(pkcs12KeyStore)) {
      throw new IllegalArgumentException("TLS key store " + pkcs12KeyStore + " is not readable");
    }
    return new SecureListeners(saslUsers, pkcs12KeyStore.toAbsolutePath(), password);
  }

  public boolean hasSasl() {
    return !saslUsers.isEmpty();
  }

  public boolean hasTls() {
    return keyStore != null;
  }

  /** The SASL users and their passwords. */
  Map<String, String> saslUsers() {
    return saslUsers;
  }

  Optional<Path> keyStore() {
    return Optional.ofNullable(keyStore);
  }

  /**
   * The broker settings opening these listeners, on {@code host}, beside the test kit's {@code
   * plaintextListeners} (its broker and controller listeners, as {@code NAME://host:port} and
   * {@code NAME:PLAINTEXT}).
   */
  Map<String, String> brokerConfig(
      String plaintextListeners, String plaintextProtocolMap, String host) {
    StringBuilder listeners = new StringBuilder(plaintextListeners);
    StringBuilder protocols = new StringBuilder(plaintextProtocolMap);
    Map<String, String> config = new LinkedHashMap<>();
    if (hasSasl()) {
      listeners.append(',').append(SASL_LISTENER).append("://").append(host).append(":0");
      protocols.append(',').append(SASL_LISTENER).append(":SASL_PLAINTEXT");
      String prefix = "listener.name." + SASL_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
      config.put(prefix + "sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512");
      StringBuilder plain =
          new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
      saslUsers.forEach(
          (user, password) ->
              plain.append(" user_").append(user).append("=\"").append(password).append('"'));
      config.put(prefix + "plain.sasl.jaas.config", plain.append(';').toString());
      // SCRAM credentials live in the cluster metadata; EmbeddedKafkaCluster adds them once up.
      config.put(
          prefix + "scram-sha-512.sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }
    if (hasTls()) {
      listeners.append(',').append(TLS_LISTENER).append("://").append(host).append(":0");
      protocols.append(',').append(TLS_LISTENER).append(":SSL");
      String prefix = "listener.name." + TLS_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
      config.put(prefix + "ssl.keystore.type", "PKCS12");
      config.put(prefix + "ssl.keystore.location", keyStore.toString());
      config.put(prefix + "ssl.keystore.password", keyStorePassword);
      config.put(prefix + "ssl.key.password", keyStorePassword);
    }
    config.put("listeners", listeners.toString());
    config.put("listener.security.protocol.map", protocols.toString());
    return config;
  }

  @Override
  public String toString() {
    return "SecureListeners[saslUsers="
        + saslUsers.keySet()
        + ", tls="
        + (keyStore == null ? "no" : keyStore)
        + "]";
  }
}
