package io.tradewatch.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.local.run.ClusterConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ClusterOptionsTest {
  @Command(name = "probe")
  static final class Probe {
    @Mixin ClusterOptions cluster;
  }

  private static ClusterConnection parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.cluster.connection();
  }

  @Test
  void withoutServersTheCommandUsesAnEmbeddedBrokerOnLoopback() {
    ClusterConnection connection = parse();

    assertThat(connection.isEmbedded()).isTrue();
    assertThat(connection.brokerHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void bootstrapServersInTheClientConfigNameARealClusterAsTheOptionDoes(@TempDir Path dir)
      throws Exception {
    // Given a client config that names the cluster and its security settings
    Path config = dir.resolve("client.properties");
    Files.writeString(
        config, "bootstrap.servers=kafka-1:9093\nsecurity.protocol=SSL\nssl.key.password=secret\n");

    // When a command is given only that file
    ClusterConnection fromFile = parse("--client-config", config.toString());
    // ... or the file and --bootstrap-servers
    ClusterConnection fromOption =
        parse("--client-config", config.toString(), "--bootstrap-servers", "kafka-2:9093");

    // Then the file's servers are used, and the option wins over them
    assertThat(fromFile.isEmbedded()).isFalse();
    assertThat(fromFile.bootstrapServers()).isEqualTo("kafka-1:9093");
    assertThat(fromOption.bootstrapServers()).isEqualTo("kafka-2:9093");
    // ... every setting reaches the clients, and none is printed
    assertThat(fromFile.clientPropertiesFor("kafka-1:9093"))
        .containsEntry("security.protocol", "SSL")
        .containsEntry("bootstrap.servers", "kafka-1:9093");
    assertThat(fromFile.toString()).doesNotContain("secret");
  }
}
