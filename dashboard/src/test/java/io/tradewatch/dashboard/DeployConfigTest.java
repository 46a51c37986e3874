package io.tradewatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the docker-compose monitoring stack without a Docker engine: the
 * Prometheus and Grafana files parse and point where the application serves its metrics. (That the
 * Grafana queries name metrics the application exports is checked against a running dashboard in
 * {@link DashboardEndToEndTest}.)
 */
class DeployConfigTest {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void prometheusScrapesTheApplicationsMetricsEndpoint() throws IOException {
    JsonNode config = YAML.readTree(DEPLOY.resolve("prometheus/prometheus.yml").toFile());

    JsonNode job = config.get("scrape_configs").get(0);
    assertThat(job.get("metrics_path").asText()).isEqualTo("/metrics");
    assertThat(job.get("static_configs").get(0).get("targets").get(0).asText())
        .isEqualTo("tradewatch:8080");
  }

  @Test
  void grafanaIsProvisionedWithPrometheusAndTheDashboard() throws IOException {
    JsonNode datasources =
        YAML.readTree(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml").toFile());
    JsonNode providers =
        YAML.readTree(DEPLOY.resolve("grafana/provisioning/dashboards/tradewatch.yml").toFile());
    JsonNode dashboard =
        new ObjectMapper().readTree(DEPLOY.resolve("grafana/dashboards/tradewatch.json").toFile());

    assertThat(datasources.get("datasources").get(0).get("url").asText())
        .isEqualTo("http://prometheus:9090");
    assertThat(providers.get("providers").get(0).get("options").get("path").asText())
        .isEqualTo("/var/lib/grafana/dashboards");
    assertThat(dashboard.get("panels")).isNotEmpty();
    dashboard
        .get("panels")
        .forEach(
            panel ->
                assertThat(panel.get("datasource").get("uid").asText())
                    .isEqualTo(datasources.get("datasources").get(0).get("uid").asText()));
  }
}
