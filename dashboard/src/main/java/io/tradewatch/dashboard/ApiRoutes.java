package io.tradewatch.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.topology.TradewatchTopology;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP endpoints: JSON queries, the push stream, metrics and the internal scan. */
final class ApiRoutes {
  /** Store of the alerts output (added to the topology later): open alert id → Alert. */
  static final String ALERTS_STORE = "open-alerts";

  static final Set<String> STORES =
      Set.of(
          TradewatchTopology.MONTHLY_STORE,
          TradewatchTopology.ANNUAL_STORE,
          TradewatchTopology.TARGET_STORE,
          TradewatchTopology.FDI_STORE,
          TradewatchTopology.MIRROR_STORE,
          ALERTS_STORE);

  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
  private static final String STREAM_FILTER = "tradewatch.stream.filter";
  private static final long KEEP_ALIVE_SECONDS = 15;

  private final KafkaStreams streams;
  private final Topics topics;
  private final InstanceRouter router;
  private final LocalStores local;
  private final StreamHub hub;
  private final RevisionLog revisions;
  private final OutputFeed feed;
  private final DashboardMetrics metrics;
  private final ObjectMapper json;

  ApiRoutes(
      KafkaStreams streams,
      Topics topics,
      InstanceRouter router,
      LocalStores local,
      StreamHub hub,
      RevisionLog revisions,
      OutputFeed feed,
      DashboardMetrics metrics,
      ObjectMapper json) {
    this.streams = streams;
    this.topics = topics;
    this.router = router;
    this.local = local;
    this.hub = hub;
    this.revisions = revisions;
    this.feed = feed;
    this.metrics = metrics;
    this.json = json;
  }

  void register(RoutesConfig routes) {
    routes.exception(ApiException.class, this::apiError);
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          respond(ctx, 500, Map.of("error", "internal error: " + e));
        });
    routes.get("/api/series", this::series);
    routes.get("/api/annual", this::annual);
    routes.get("/api/latest", this::latest);
    routes.get("/api/targets", this::targets);
    routes.get("/api/mirror", this::mirror);
    routes.get("/api/fdi", this::fdi);
    routes.get("/api/alerts", this::alerts);
    routes.get("/api/revisions", this::revisionList);
    routes.get("/api/pairs", this::pairs);
    routes.get("/api/record", this::record);
    routes.get("/api/health", this::health);
    routes.get(InstanceRouter.INTERNAL_SCAN, this::internalScan);
    routes.get("/metrics", this::prometheus);
    routes.before("/api/stream", this::streamFilter);
    routes.sse("/api/stream", this::stream);
  }

  private void series(Context ctx) {
    Params p = new Params(ctx);
    Map<Integer, String> parts = seriesParts(p);
    String from = p.month("from");
    String to = p.month("to");
    Params.ordered(from, to);
    pagedScan(
        ctx, p, TradewatchTopology.MONTHLY_STORE, KeyFilter.parts(parts).periods(from, to), parts);
  }

  private void annual(Context ctx) {
    Params p = new Params(ctx);
    Map<Integer, String> parts = seriesParts(p);
    String from = p.year("from");
    String to = p.year("to");
    Params.ordered(from, to);
    pagedScan(
        ctx, p, TradewatchTopology.ANNUAL_STORE, KeyFilter.parts(parts).periods(from, to), parts);
  }

  private void latest(Context ctx) {
    Params p = new Params(ctx);
    Map<Integer, String> parts = seriesParts(p);
    KeyFilter filter = KeyFilter.parts(parts);
    List<Map<String, Object>> month =
        router.scan(TradewatchTopology.MONTHLY_STORE, filter, 1, true, 0).items();
    List<Map<String, Object>> year =
        router.scan(TradewatchTopology.ANNUAL_STORE, filter, 1, true, 0).items();
    if (month.isEmpty() && year.isEmpty()) {
      throw new ApiException(404, "no figures for series " + filter.prefix(), null);
    }
    Map<String, Object> body = describe(parts);
    body.put("month", month.isEmpty() ? null : month.get(0));
    body.put("year", year.isEmpty() ? null : year.get(0));
    respond(ctx, 200, body);
  }

  private void targets(Context ctx) {
    Params p = new Params(ctx);
    Map<Integer, String> parts = new LinkedHashMap<>();
    put(parts, 0, p.optionalCode("targetId"));
    pagedScan(ctx, p, TradewatchTopology.TARGET_STORE, KeyFilter.parts(parts), Map.of());
  }

  private void mirror(Context ctx) {
    Params p = new Params(ctx);
    Map<Integer, String> parts = new LinkedHashMap<>();
    put(parts, 1, p.optionalCode("exporter"));
    put(parts, 3, p.optionalCode("importer"));
    parts.put(4, p.hsGroup());
    pagedScan(ctx, p, TradewatchTopology.MIRROR_STORE, KeyFilter.parts(parts), Map.of());
  }

  private void fdi(Context ctx) {
    Params p = new Params(ctx);
    Map<Integer, String> parts = new LinkedHashMap<>();
    put(parts, 0, p.optionalCode("source"));
    put(parts, 1, p.optionalCode("reporter"));
    put(parts, 2, p.optionalCode("counterpart"));
    pagedScan(ctx, p, TradewatchTopology.FDI_STORE, KeyFilter.parts(parts), Map.of());
  }

  private void alerts(Context ctx) {
    Params p = new Params(ctx);
    pagedScan(ctx, p, ALERTS_STORE, KeyFilter.all(), Map.of());
  }

  private void revisionList(Context ctx) {
    Params p = new Params(ctx);
    String keyPrefix = p.optionalKeyPrefix("keyPrefix");
    Params.Page page = p.page();
    List<OutputEvent> all = revisions.newestFirst(keyPrefix);
    List<Map<String, Object>> items = new ArrayList<>();
    for (OutputEvent r : all.subList(Math.min(page.offset(), all.size()), all.size())) {
      if (items.size() == page.limit()) {
        break;
      }
      items.add(Map.of("key", r.key(), "value", r.value() == null ? Map.of() : r.value()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", all.size());
    body.put("offset", page.offset());
    body.put("limit", page.limit());
    body.put("items", items);
    respond(ctx, 200, body);
  }

  private void pairs(Context ctx) {
    Params p = new Params(ctx);
    Params.Page page = p.page();
    ScanResult groups =
        router.scan(TradewatchTopology.ANNUAL_STORE, KeyFilter.all(), Integer.MAX_VALUE, false, 3);
    List<Map<String, Object>> items = new ArrayList<>();
    for (Map<String, Object> group : groups.page(page)) {
      String[] parts = ((String) group.get("key")).split("\\|", -1);
      Map<String, Object> pair = new LinkedHashMap<>();
      pair.put("key", group.get("key"));
      pair.put("source", parts[0]);
      pair.put("reporter", parts.length > 1 ? parts[1] : null);
      pair.put("partner", parts.length > 2 ? parts[2] : null);
      pair.put("annualFigures", group.get("count"));
      items.add(pair);
    }
    respond(ctx, 200, pageBody(Map.of(), groups.total(), page, items));
  }

  private void record(Context ctx) {
    Params p = new Params(ctx);
    String store = p.key("store");
    if (!STORES.contains(store)) {
      throw ApiException.badParameter("store", "must be one of " + new TreeSet<>(STORES));
    }
    String key = p.key("key");
    InstanceRouter.Answer answer =
        router.lookup(
            store,
            key,
            "true".equals(p.raw(InstanceRouter.FORWARDED)),
            "true".equals(p.raw(InstanceRouter.STANDBY)));
    ctx.status(answer.status()).contentType("application/json").result(answer.body());
  }

  private void health(Context ctx) {
    KafkaStreams.State state = streams.state();
    boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.put("streams", state.toString());
    body.put("instance", router.self().host() + ":" + router.self().port());
    body.put("feed", Map.of("ready", feed.isReady(), "partitions", feed.partitions()));
    body.put("pushClients", hub.clients());
    respond(ctx, up ? 200 : 503, body);
  }

  private void internalScan(Context ctx) {
    String store = ctx.queryParam("store");
    if (store == null || !STORES.contains(store)) {
      throw ApiException.badParameter("store", "must be one of " + new TreeSet<>(STORES));
    }
    KeyFilter filter =
        KeyFilter.fromQuery(ctx.queryParams("part"), ctx.queryParam("from"), ctx.queryParam("to"));
    int needed = internalInt(ctx, "needed");
    int group = internalInt(ctx, "group");
    boolean desc = "true".equals(ctx.queryParam("desc"));
    ScanResult result = local.scan(store, filter, needed, desc, group);
    respond(ctx, 200, Map.of("total", result.total(), "items", result.items()));
  }

  private void prometheus(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.registry().scrape());
  }

  private void streamFilter(Context ctx) {
    Params p = new Params(ctx);
    Set<String> known = new TreeSet<>();
    for (Topic<?, ?> t : topics.outputs()) {
      known.add(t.name().substring(topics.outputPrefix().length()));
    }
    Set<String> wanted = new TreeSet<>();
    String raw = p.raw("topics");
    if (raw != null && !raw.isBlank()) {
      for (String t : Arrays.asList(raw.split(","))) {
        String name = t.trim();
        if (!known.contains(name)) {
          throw ApiException.badParameter(
              "topics", "has unknown output '" + name + "'; known: " + known);
        }
        wanted.add(name);
      }
    }
    ctx.attribute(STREAM_FILTER, new StreamFilter(wanted, p.optionalKeyPrefix("keyPrefix")));
  }

  private record StreamFilter(Set<String> topics, String keyPrefix) {}

  /**
   * Serves one push client on its own request thread until it goes away: the feed only ever queues,
   * so a slow client delays nobody but itself.
   */
  private void stream(SseClient client) {
    StreamFilter filter = client.ctx().attribute(STREAM_FILTER);
    if (filter == null) {
      filter = new StreamFilter(Set.of(), "");
    }
    try (StreamHub.Subscription subscription = hub.subscribe(filter.topics(), filter.keyPrefix())) {
      client.onClose(subscription::close);
      client.sendComment("connected");
      while (!client.terminated() && subscription.isOpen()) {
        OutputEvent event = subscription.next(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        if (event == StreamHub.CLOSED) {
          break;
        } else if (event == null) {
          client.sendComment("keep-alive");
        } else if (event == StreamHub.RESYNC) {
          client.sendEvent("resync", "{}");
        } else {
          client.sendEvent("update", write(event));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Map<Integer, String> seriesParts(Params p) {
    Map<Integer, String> parts = new LinkedHashMap<>();
    parts.put(0, p.code("source"));
    parts.put(1, p.code("reporter"));
    parts.put(2, p.code("partner"));
    parts.put(3, p.hsGroup());
    return parts;
  }

  private void pagedScan(
      Context ctx, Params p, String store, KeyFilter filter, Map<Integer, String> seriesParts) {
    Params.Page page = p.page();
    ScanResult result = router.scan(store, filter, page.needed(), false, 0);
    Map<String, Object> described = seriesParts.isEmpty() ? Map.of() : describe(seriesParts);
    respond(ctx, 200, pageBody(described, result.total(), page, result.page(page)));
  }

  private static Map<String, Object> pageBody(
      Map<String, Object> head, long total, Params.Page page, List<Map<String, Object>> items) {
    Map<String, Object> body = new LinkedHashMap<>(head);
    body.put("total", total);
    body.put("offset", page.offset());
    body.put("limit", page.limit());
    body.put("items", items);
    return body;
  }

  private static Map<String, Object> describe(Map<Integer, String> seriesParts) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("source", seriesParts.get(0));
    out.put("reporter", seriesParts.get(1));
    out.put("partner", seriesParts.get(2));
    out.put("hsGroup", seriesParts.get(3));
    return out;
  }

  private static void put(Map<Integer, String> parts, int position, String value) {
    if (value != null) {
      parts.put(position, value);
    }
  }

  private static int internalInt(Context ctx, String name) {
    try {
      return Math.max(0, Integer.parseInt(ctx.queryParam(name)));
    } catch (NumberFormatException e) {
      throw ApiException.badParameter(name, "must be a whole number");
    }
  }

  private void apiError(ApiException e, Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.getMessage());
    if (e.parameter() != null) {
      body.put("parameter", e.parameter());
    }
    if (e.status() == 503) {
      ctx.header("Retry-After", "1");
    }
    respond(ctx, e.status(), body);
  }

  private void respond(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(write(body));
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
