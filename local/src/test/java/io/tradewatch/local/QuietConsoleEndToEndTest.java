package io.tradewatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} as shipped, in a JVM of its own on its own embedded broker: the console holds the
 * result and where the logs went, the log file holds the broker's and the clients' lines.
 */
class QuietConsoleEndToEndTest {
  private static final Pattern LOG_FILE = Pattern.compile("tradewatch: logs in (\\S+)");
  private static final Pattern LOG_LINE =
      Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO|WARN)\\b");

  @Test
  void givenAnalyze_whenItRuns_thenTheConsoleHasTheResultAndTheLogsAreInTheNamedFile(
      @TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.csv");
    Files.writeString(
        file,
        "source,reporter,partner,flow,period,hs_code,value_usd\n"
            + "KZ-BNS,KAZ,ARM,X,2023-01,TOTAL,100.10\n"
            + "KZ-BNS,KAZ,ARM,M,2023-01,TOTAL,50.05\n",
        StandardCharsets.UTF_8);

    CliProcess analyze = CliProcess.startAsShipped(dir, "analyze", "analyze", file.toString());
    int exit = analyze.awaitExit(Duration.ofMinutes(4));

    assertThat(exit).as(analyze.err()).isZero();
    assertThat(analyze.out()).contains("150.15");
    assertThat(LOG_LINE.matcher(analyze.err()).find())
        .as("no log line on the console:%n%s", analyze.err())
        .isFalse();
    Matcher named = LOG_FILE.matcher(analyze.err());
    assertThat(named.find()).as(analyze.err()).isTrue();
    Path log = Path.of(named.group(1));
    assertThat(log).startsWith(dir.resolve("tradewatch-data").resolve("logs")).exists();
    assertThat(Files.readString(log, StandardCharsets.UTF_8))
        .as("the embedded broker's and the clients' logs")
        .containsPattern("(INFO|WARN) .*(kafka|tradewatch)");
  }
}
