#!/usr/bin/env sh
# Builds the bench module (and what it needs) and runs the benchmark; options go to BenchMain,
# e.g. bench/run.sh --records 2000000 --markdown bench-results.md   (see --help).
# Drains run for each input shape, sparse and customs by default; --shapes customs runs one.
set -eu
cd "$(dirname "$0")/.."
./mvnw -B -q -pl bench -am package -DskipTests
exec java -Xmx4g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.tradewatch.bench.BenchMain "$@"
