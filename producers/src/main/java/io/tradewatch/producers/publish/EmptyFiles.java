package io.tradewatch.producers.publish;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Empty input files are left out of a run with a warning, so that the files after them are read.
 */
public final class EmptyFiles {
  private EmptyFiles() {}

  /**
   * The files with something to read; an empty one is left out with a warning on {@code err}, so
   * that the files after it are still read.
   */
  public static List<Path> skip(List<Path> files, PrintWriter err) throws IOException {
    List<Path> kept = new ArrayList<>();
    for (Path file : files) {
      if (Files.size(file) == 0) {
        err.println("tradewatch: warning: " + file + " is empty; nothing to publish from it");
        err.flush();
      } else {
        kept.add(file);
      }
    }
    return kept;
  }
}
