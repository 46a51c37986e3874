package io.tradewatch.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./tradewatch} as a user runs it: {@link TradewatchMain} in a JVM of its own, standard
 * output and standard error (where the logs go) each captured in a file. The logs are those of a
 * curious operator: every logger at INFO (Kafka clients print their whole configuration there) and
 * Kafka's authentication and network code at DEBUG, so that a secret anywhere in them is seen.
 */
final class CliProcess implements AutoCloseable {
  private static final String LOGBACK =
      """
      <configuration>
        <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
          <target>System.err</target>
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n</pattern></encoder>
        </appender>
        <logger name="org.apache.kafka.common.security" level="DEBUG"/>
        <logger name="org.apache.kafka.common.network" level="DEBUG"/>
        <logger name="io.tradewatch" level="DEBUG"/>
        <root level="INFO"><appender-ref ref="STDERR"/></root>
      </configuration>
      """;

  private final Process process;
  private final Path out;
  private final Path err;

  private CliProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code tradewatch args...}; its files go to {@code dir} under {@code name}. */
  static CliProcess start(Path dir, String name, String... args) throws IOException {
    Path logback = dir.resolve("logback-verbose.xml");
    if (!Files.exists(logback)) {
      Files.writeString(logback, LOGBACK);
    }
    return start(dir, name, List.of("-Dlogback.configurationFile=" + logback), args);
  }

  /** Starts {@code tradewatch args...} with the logging configuration it ships with. */
  static CliProcess startAsShipped(Path dir, String name, String... args) throws IOException {
    return start(dir, name, List.of("-Dtradewatch.home=" + dir), args);
  }

  private static CliProcess start(Path dir, String name, List<String> jvmOptions, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TradewatchMain.class.getName());
    command.addAll(List.of(args));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    return new CliProcess(process, out, err);
  }

  /** Waits for the command to end and returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "tradewatch did not end within " + timeout + "; stderr ends with:\n" + tail(err()));
    }
    return process.exitValue();
  }

  /** Stops a long-running command as Ctrl-C or {@code kill} would, and waits for it to end. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String out() {
    return read(out);
  }

  String err() {
    return read(err);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + file, e);
    }
  }

  static String tail(String text) {
    return text.length() <= 4_000 ? text : text.substring(text.length() - 4_000);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }
}
