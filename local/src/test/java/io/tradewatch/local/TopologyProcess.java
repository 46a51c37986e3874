package io.tradewatch.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code tradewatch run} as a separate operating-system process (the test JVM's own class path), so
 * that a test can kill it the way an operator's machine dies: {@code SIGKILL}, no shutdown hook, no
 * final commit, state directory left as it was.
 */
final class TopologyProcess implements AutoCloseable {
  private final Process process;

  private TopologyProcess(Process process) {
    this.process = process;
  }

  /** Shared by these processes and the in-JVM dashboards of the same application in a test. */
  static final String PEER_SECRET = "tests-shared-peer-secret";

  /** Starts {@code tradewatch run} with these arguments; its output is appended to {@code log}. */
  static TopologyProcess start(Path log, String... runArguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Heap enough for the full default record cache (a tenth of the heap, at most 128 MiB): with
    // 512 MB the cache was 51 MiB, and the crash test's last process drained its remaining
    // records at 93 records/s where it had drained them at 150.
    command.add("-Xmx2g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TradewatchMain.class.getName());
    command.add("run");
    command.addAll(List.of(runArguments));
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // Instances in separate processes forward to each other only with a shared secret.
    builder.environment().put("TRADEWATCH_PEER_SECRET", PEER_SECRET);
    Process process = builder.start();
    return new TopologyProcess(process);
  }

  /** SIGKILL: the process gets no chance to commit, flush or leave its group. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Process " + process.pid() + " survived SIGKILL");
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** SIGTERM, as an operator stops it; waits for the shutdown hook to close the topology. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
