package io.tradewatch.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * TLS material made at run time with the JDK's {@code keytool}, so that no key is checked in: a
 * self-signed server certificate for {@code localhost} / {@code 127.0.0.1} in a PKCS12 key store
 * (for {@link SecureListeners#withTls}), and a trust store holding only that certificate (for the
 * clients' {@code ssl.truststore.location}). Each instance has its own random passwords.
 *
 * @param keyStore the broker's key and certificate
 * @param keyStorePassword its password (and the key's)
 * @param trustStore the certificate clients trust
 * @param trustStorePassword its password
 */
public record TestCertificates(
    Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

  /** Writes a key store and a trust store into {@code dir}; takes a second or two. */
  public static TestCertificates generate(Path dir) throws IOException, InterruptedException {
    TestCertificates tls =
        new TestCertificates(
            dir.resolve("broker-keystore.p12"),
            "ks-" + UUID.randomUUID(),
            dir.resolve("client-truststore.p12"),
            "ts-" + UUID.randomUUID());
    Path certificate = dir.resolve("broker-certificate.pem");
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=localhost, O=tradewatch tests",
        // Clients check the host name against the certificate (ssl.endpoint.identification
        // .algorithm=https by default): the broker listens as localhost.
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-storetype",
        "PKCS12",
        "-keystore",
        tls.keyStore.toString(),
        "-storepass",
        tls.keyStorePassword,
        "-keypass",
        tls.keyStorePassword);
    keytool(
        dir,
        "-exportcert",
        "-rfc",
        "-alias",
        "broker",
        "-keystore",
        tls.keyStore.toString(),
        "-storepass",
        tls.keyStorePassword,
        "-file",
        certificate.toString());
    keytool(
        dir,
        "-importcert",
        "-noprompt",
        "-alias",
        "broker",
        "-file",
        certificate.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        tls.trustStore.toString(),
        "-storepass",
        tls.trustStorePassword);
    return tls;
  }

  private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Path log = Files.createTempFile(dir, "keytool-", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("keytool " + args[0] + " did not finish in 60 s");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "keytool "
              + args[0]
              + " failed ("
              + process.exitValue()
              + "): "
              + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  /** Names the files, never the passwords. */
  @Override
  public String toString() {
    return "TestCertificates[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
  }
}
