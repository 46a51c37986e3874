package io.tradewatch.dashboard;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewatch.streams.query.StoreRouting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers queries for the whole application, whichever instance owns the data: a key lookup is
 * forwarded to the instance owning the key's partition; a scan goes to every instance hosting the
 * store ({@code /internal/scan}, local partitions only) and the answers are merged in key order.
 */
final class InstanceRouter {
  static final String INTERNAL_SCAN = "/internal/scan";
  static final String FORWARDED = "forwarded";
  static final String STANDBY = "standby";

  private static final Logger LOG = LoggerFactory.getLogger(InstanceRouter.class);
  private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

  private final KafkaStreams streams;
  private final HostInfo self;
  private final LocalStores local;
  private final HttpClient http;
  private final Duration timeout;
  private final ObjectMapper json;
  private final PeerAuth peers;

  InstanceRouter(
      KafkaStreams streams,
      HostInfo self,
      LocalStores local,
      HttpClient http,
      Duration timeout,
      ObjectMapper json,
      PeerAuth peers) {
    this.peers = peers;
    this.streams = streams;
    this.self = self;
    this.local = local;
    this.http = http;
    this.timeout = timeout;
    this.json = json;
  }

  HostInfo self() {
    return self;
  }

  /** One HTTP answer to relay: status and JSON body. */
  record Answer(int status, String body) {}

  /**
   * The record stored under {@code key}, from whichever instance owns it. When the owner cannot
   * answer (it has just gone away, or it is restoring its state after a rebalance), a standby
   * replica answers instead, flagged {@code "stale": true} with {@code "lag"}, how many changelog
   * records it is behind; answers of the owner carry {@code "stale": false}.
   *
   * @param forwarded asked by another instance: answer from here, never forward again
   * @param standby asked by another instance for this instance's standby copy
   */
  Answer lookup(String store, String key, boolean forwarded, boolean standby) {
    KeyQueryMetadata metadata =
        streams.queryMetadataForKey(store, key, StoreRouting.partitioner(store));
    if (metadata == null) {
      throw ApiException.unavailable(missingStore(store));
    }
    if (standby) {
      return local(store, key, metadata.partition(), true);
    }
    Answer active = null;
    ApiException failure = null;
    try {
      active = fromActive(store, key, metadata, forwarded);
    } catch (ApiException e) {
      if (!unavailable(e.status()) || forwarded) {
        throw e;
      }
      failure = e;
    }
    if (forwarded || (active != null && !unavailable(active.status()))) {
      return active;
    }
    for (HostInfo host : metadata.standbyHosts()) {
      Answer stale = fromStandby(host, store, key, metadata.partition());
      if (stale != null) {
        return stale;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return active;
  }

  private Answer fromActive(
      String store, String key, KeyQueryMetadata metadata, boolean forwarded) {
    if (metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.activeHost() == null) {
      throw ApiException.unavailable(
          "no instance owns store '"
              + store
              + "' yet (application "
              + streams.state()
              + "); retry shortly");
    }
    HostInfo owner = metadata.activeHost();
    // A forwarded request is answered here even if metadata moved meanwhile: never forward twice.
    if (!isSelf(owner) && !forwarded) {
      return get(
          owner,
          "/api/record?store=" + encode(store) + "&key=" + encode(key) + "&" + FORWARDED + "=true");
    }
    return local(store, key, metadata.partition(), false);
  }

  /** A standby's answer if it has the record, else null (the owner's failure is answered). */
  private Answer fromStandby(HostInfo host, String store, String key, int partition) {
    try {
      Answer answer =
          isSelf(host)
              ? local(store, key, partition, true)
              : get(
                  host,
                  "/api/record?store="
                      + encode(store)
                      + "&key="
                      + encode(key)
                      + "&"
                      + FORWARDED
                      + "=true&"
                      + STANDBY
                      + "=true");
      return answer.status() == 200 ? answer : null;
    } catch (ApiException e) {
      LOG.debug("Standby {} of {} could not answer key {}: {}", host, store, key, e.getMessage());
      return null;
    }
  }

  private Answer local(String store, String key, int partition, boolean stale) {
    Map<String, Object> item =
        stale ? local.getStale(store, key, partition) : local.get(store, key, partition);
    if (item == null) {
      return new Answer(
          404,
          write(
              Map.of(
                  "error",
                  "no record with key '" + Params.abbreviate(key) + "' in store '" + store + "'")));
    }
    var body = new java.util.LinkedHashMap<String, Object>();
    body.put("store", store);
    body.put("partition", partition);
    body.put("servedBy", self.host() + ":" + self.port());
    body.put("stale", stale);
    if (stale) {
      body.put("lag", local.lag(store, partition));
    }
    body.putAll(item);
    return new Answer(200, write(body));
  }

  private static boolean unavailable(int status) {
    return status == 502 || status == 503;
  }

  /**
   * The matching records of {@code store} across every instance: total and the first {@code needed}
   * in key order (or the distinct groups of the first {@code groupParts} key parts).
   */
  ScanResult scan(String store, KeyFilter filter, int needed, boolean descending, int groupParts) {
    Collection<StreamsMetadata> instances = streams.streamsMetadataForStore(store);
    if (instances.isEmpty()) {
      throw ApiException.unavailable(missingStore(store));
    }
    List<CompletableFuture<ScanResult>> answers = new ArrayList<>();
    boolean localDone = false;
    for (StreamsMetadata instance : instances) {
      if (isSelf(instance.hostInfo())) {
        if (!localDone) {
          answers.add(
              CompletableFuture.completedFuture(
                  local.scan(store, filter, needed, descending, groupParts)));
          localDone = true;
        }
      } else {
        answers.add(remoteScan(instance.hostInfo(), store, filter, needed, descending, groupParts));
      }
    }
    List<ScanResult> parts = new ArrayList<>();
    for (CompletableFuture<ScanResult> answer : answers) {
      try {
        parts.add(answer.join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof ApiException api) {
          throw api;
        }
        LOG.warn("Scan of {} on another instance failed: {}", store, e.getCause().toString());
        throw new ApiException(502, "another instance did not answer the scan of " + store, null);
      }
    }
    return groupParts > 0
        ? ScanResult.mergeGroups(parts)
        : ScanResult.merge(parts, needed, descending);
  }

  static String internalScanQuery(
      String store, KeyFilter filter, int needed, boolean descending, int groupParts) {
    StringBuilder query = new StringBuilder(INTERNAL_SCAN).append("?store=").append(encode(store));
    filter
        .toQuery()
        .forEach(
            (name, values) ->
                values.forEach(v -> query.append('&').append(name).append('=').append(encode(v))));
    query.append("&needed=").append(needed);
    query.append("&desc=").append(descending);
    query.append("&group=").append(groupParts);
    return query.toString();
  }

  private CompletableFuture<ScanResult> remoteScan(
      HostInfo host,
      String store,
      KeyFilter filter,
      int needed,
      boolean descending,
      int groupParts) {
    HttpRequest request =
        peers
            .sign(
                HttpRequest.newBuilder(
                    uri(host, internalScanQuery(store, filter, needed, descending, groupParts))))
            .timeout(timeout)
            .GET()
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() != 200) {
                // The peer's body stays in the log: it is no business of this client's.
                LOG.warn(
                    "Instance {} answered {} to a scan of {}: {}",
                    host,
                    response.statusCode(),
                    store,
                    Params.abbreviate(response.body()));
                throw new ApiException(
                    response.statusCode() == 503 ? 503 : 502,
                    "instance " + host + " answered " + response.statusCode(),
                    null);
              }
              Map<String, Object> body = read(response.body());
              @SuppressWarnings("unchecked")
              List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
              return new ScanResult(((Number) body.get("total")).longValue(), items);
            });
  }

  private Answer get(HostInfo host, String pathAndQuery) {
    HttpRequest request =
        peers.sign(HttpRequest.newBuilder(uri(host, pathAndQuery))).timeout(timeout).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      LOG.warn("Instance {} did not answer {}: {}", host, pathAndQuery, e.toString());
      throw new ApiException(502, "instance " + host + " did not answer", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "interrupted while asking instance " + host, null);
    }
  }

  private boolean isSelf(HostInfo host) {
    // Without application.server, Kafka Streams knows no hosts: everything is local.
    return host.equals(self) || host.port() < 0;
  }

  private String missingStore(String store) {
    KafkaStreams.State state = streams.state();
    if (state == KafkaStreams.State.RUNNING) {
      return "no state store named '"
          + store
          + "' in the running application: the output it holds is not deployed";
    }
    return "store '" + store + "' is not available yet (application " + state + "); retry shortly";
  }

  private static URI uri(HostInfo host, String pathAndQuery) {
    return URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
  }

  private Map<String, Object> read(String body) {
    try {
      return json.readValue(body, JSON_OBJECT);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable answer from another instance", e);
    }
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
