package io.tradewatch.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log line of this JVM at INFO and above, kept in memory while open (the console still shows
 * WARN and above only): what commands run in-process write to their logs, for tests that search
 * them (a secret must not be in any).
 */
final class CapturedLogs implements AutoCloseable {
  private final Logger root;
  private final Level levelBefore;
  private final List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
  private final ThresholdFilter consoleThreshold = new ThresholdFilter();
  private final StringBuilder text = new StringBuilder();
  private final AppenderBase<ILoggingEvent> capture =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          synchronized (text) {
            text.append(event.getLevel())
                .append(' ')
                .append(event.getLoggerName())
                .append(" - ")
                .append(event.getFormattedMessage())
                .append('\n');
            if (event.getThrowableProxy() != null) {
              text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
          }
        }
      };

  private CapturedLogs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    levelBefore = root.getLevel();
    consoleThreshold.setLevel(Level.WARN.levelStr);
    consoleThreshold.start();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      Appender<ILoggingEvent> appender = it.next();
      appender.addFilter(consoleThreshold);
      consoles.add(appender);
    }
    capture.setContext(context);
    capture.setName("captured-logs");
    capture.start();
    root.addAppender(capture);
    root.setLevel(Level.INFO);
  }

  static CapturedLogs start() {
    return new CapturedLogs();
  }

  /** What was logged since the start or the last {@link #clear()}. */
  String text() {
    synchronized (text) {
      return text.toString();
    }
  }

  void clear() {
    synchronized (text) {
      text.setLength(0);
    }
  }

  @Override
  public void close() {
    root.setLevel(levelBefore);
    root.detachAppender(capture);
    capture.stop();
    for (Appender<ILoggingEvent> console : consoles) {
      console.clearAllFilters();
    }
  }
}
