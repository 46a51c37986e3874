package io.tradewatch.local.cli;

import io.tradewatch.local.run.ClusterConnection;
import io.tradewatch.local.run.ServingApp;
import io.tradewatch.producers.cli.ExitCodes;
import io.tradewatch.streams.app.StreamsSettings;
import io.tradewatch.streams.delivery.AlertWebhook;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the topology alone against a Kafka cluster until stopped. Start more instances with"
          + " the same --application-id to share the work."
    })
final class RunCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ClusterOptions cluster;
  @Mixin TopologyOptions topology;
  @Mixin DashboardOptions dashboard;
  @Mixin ApplicationOptions application;

  @Option(
      names = "--state-dir",
      defaultValue = "tradewatch-data/state",
      description = "Directory of the local state stores (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Override
  public Integer call() throws Exception {
    topology.validate(spec);
    ClusterConnection connection = cluster.requireCluster(spec);
    StreamsSettings settings =
        topology.apply(
            application.apply(
                StreamsSettings.defaults(connection.bootstrapServers(), stateDir)
                    .withClientProperties(connection.clientProperties())));
    CountDownLatch stop = new CountDownLatch(1);
    java.util.Properties client = connection.clientPropertiesFor(connection.bootstrapServers());
    try (ServingApp serving = ServingApp.create(settings, dashboard.settings(), client)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "tradewatch-stop"));
      serving.start();
      serving
          .dashboard()
          .ifPresent(
              server -> {
                spec.commandLine().getOut().println("Dashboard: " + server.url() + "/");
                spec.commandLine().getOut().flush();
              });
      AlertWebhook webhook =
          topology.startWebhook(client, settings.topics(), application.applicationId);
      stop.await();
      if (webhook != null) {
        webhook.close();
      }
    }
    return ExitCodes.OK;
  }
}
