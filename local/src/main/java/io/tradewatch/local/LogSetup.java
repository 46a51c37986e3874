package io.tradewatch.local;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Where the logs of a command go. {@code demo} and {@code analyze} are for a person at a terminal:
 * they print progress and results, and their logs (the embedded broker's, the clients', one line
 * per alert event) go to a file under {@code tradewatch-data/logs/} whose path they print; with
 * {@code --verbose} the logs go to the console as well. Every other command logs to stderr as a
 * service does.
 */
final class LogSetup {
  /** Read by {@code logback.xml}: the lowest level the console shows. */
  static final String CONSOLE_LEVEL = "tradewatch.console.level";

  /** Set to the log file's path when there is one, for the commands to print. */
  static final String LOG_FILE = "tradewatch.log.file";

  private static final List<String> QUIET_COMMANDS = List.of("demo", "analyze");

  private LogSetup() {}

  /**
   * Configures logging for a command line, before the first logger is created.
   *
   * @return the log file, when the command's logs go to one
   */
  static Optional<Path> forCommandLine(String[] args, Path home) {
    boolean quiet =
        args.length > 0 && QUIET_COMMANDS.contains(args[0]) && !List.of(args).contains("--verbose");
    if (!quiet) {
      return Optional.empty();
    }
    // Only errors reach the console; the file has everything the loggers let through.
    System.setProperty(CONSOLE_LEVEL, "ERROR");
    Path file =
        home.resolve("tradewatch-data")
            .resolve("logs")
            .resolve(
                args[0]
                    + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    + ".log")
            .toAbsolutePath();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(file.toString());
    appender.setEncoder(encoder);
    appender.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    System.setProperty(LOG_FILE, file.toString());
    return Optional.of(file);
  }
}
