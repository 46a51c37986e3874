package io.tradewatch.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.query.QueryableStores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public HTTP endpoints: JSON queries, health and metrics, with the security headers and error
 * bodies of every response. The push stream ({@link PushStreamRoutes}) and the endpoint between
 * instances ({@link PeerRoutes}) are registered from here and live in their own classes.
 */
final class ApiRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

  /** The page and its scripts come from this server only, and no other site may frame it. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final KafkaStreams streams;
  private final Topics topics;
  private final InstanceRouter router;
  private final LocalStores local;
  private final StreamHub hub;
  private final RevisionLog revisions;
  private final OutputFeed feed;
  private final DashboardMetrics metrics;
  private final JsonBodies bodies;
  private final PeerAuth peers;
  private final PairsCache pairs = new PairsCache();

  ApiRoutes(
      KafkaStreams streams,
      Topics topics,
      InstanceRouter router,
      LocalStores local,
      StreamHub hub,
      RevisionLog revisions,
      OutputFeed feed,
      DashboardMetrics metrics,
      ObjectMapper json,
      PeerAuth peers) {
    this.peers = peers;
    this.streams = streams;
    this.topics = topics;
    this.router = router;
    this.local = local;
    this.hub = hub;
    this.revisions = revisions;
    this.feed = feed;
    this.metrics = metrics;
    this.bodies = new JsonBodies(json);
  }

  void register(RoutesConfig routes) {
    routes.before(ApiRoutes::securityHeaders);
    routes.exception(ApiException.class, this::apiError);
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          // A bug: the trace is for us, the client learns only that it is not its fault.
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          respond(ctx, 500, Map.of("error", "internal error"));
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
    routes.get("/metrics", this::prometheus);
    new PeerRoutes(local, peers, bodies).register(routes);
    new PushStreamRoutes(topics, hub, bodies).register(routes);
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("Referrer-Policy", "no-referrer");
  }

  private void series(Context ctx) {
    Params p = new Params(ctx);
    Map<Integer, String> parts = seriesParts(p);
    String from = p.month("from");
    String to = p.month("to");
    Params.ordered(from, to);
    pagedScan(ctx, p, QueryableStores.MONTHLY, KeyFilter.parts(parts).periods(from, to), parts);
  }

  private void annual(Context ctx) {
    Params p = new Params(ctx);
    Map<Integer, String> parts = seriesParts(p);
    String from = p.year("from");
    String to = p.year("to");
    Params.ordered(from, to);
    pagedScan(ctx, p, QueryableStores.ANNUAL, KeyFilter.parts(parts).periods(from, to), parts);
  }

  private void latest(Context ctx) {
    Params p = new Params(ctx);
    Map<Integer, String> parts = seriesParts(p);
    KeyFilter filter = KeyFilter.parts(parts);
    List<Map<String, Object>> month =
        router.scan(QueryableStores.MONTHLY, filter, 1, true, 0).items();
    List<Map<String, Object>> year =
        router.scan(QueryableStores.ANNUAL, filter, 1, true, 0).items();
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
    pagedScan(ctx, p, QueryableStores.TARGET, KeyFilter.parts(parts), Map.of());
  }

  private void mirror(Context ctx) {
    Params p = new Params(ctx);
    Map<Integer, String> parts = new LinkedHashMap<>();
    put(parts, 1, p.optionalCode("exporter"));
    put(parts, 3, p.optionalCode("importer"));
    parts.put(4, p.hsGroup());
    pagedScan(ctx, p, QueryableStores.MIRROR, KeyFilter.parts(parts), Map.of());
  }

  private void fdi(Context ctx) {
    Params p = new Params(ctx);
    Map<Integer, String> parts = new LinkedHashMap<>();
    put(parts, 0, p.optionalCode("source"));
    put(parts, 1, p.optionalCode("reporter"));
    put(parts, 2, p.optionalCode("counterpart"));
    pagedScan(ctx, p, QueryableStores.FDI, KeyFilter.parts(parts), Map.of());
  }

  private void alerts(Context ctx) {
    Params p = new Params(ctx);
    pagedScan(ctx, p, QueryableStores.OPEN_ALERTS, KeyFilter.all(), Map.of());
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
    List<Map<String, Object>> groups = pairs.groups();
    List<Map<String, Object>> afterCursor =
        page.after() == null
            ? groups
            : groups.stream()
                .filter(g -> ((String) g.get("key")).compareTo(page.after()) > 0)
                .toList();
    ScanResult window = new ScanResult(groups.size(), afterCursor);
    List<Map<String, Object>> items = new ArrayList<>();
    for (Map<String, Object> group : window.page(page)) {
      String[] parts = ((String) group.get("key")).split("\\|", -1);
      Map<String, Object> pair = new LinkedHashMap<>();
      pair.put("key", group.get("key"));
      pair.put("source", parts[0]);
      pair.put("reporter", parts.length > 1 ? parts[1] : null);
      pair.put("partner", parts.length > 2 ? parts[2] : null);
      pair.put("annualFigures", group.get("count"));
      items.add(pair);
    }
    boolean more = afterCursor.size() > page.offset() + page.limit();
    respond(ctx, 200, pageBody(Map.of(), groups.size(), page, items, more));
  }

  /**
   * The country pairs of the annual store, scanned once and kept until the output feed delivers an
   * update (any output: an annual figure changes with the monthly ones it sums): {@code /api/pairs}
   * is asked by every page load, and each scan reads the whole store on every instance.
   */
  private final class PairsCache {
    private volatile Cached cached;

    private record Cached(long published, List<Map<String, Object>> groups) {}

    List<Map<String, Object>> groups() {
      Cached now = cached;
      long published = hub.publishedCount();
      if (now != null && now.published() == published) {
        return now.groups();
      }
      // Counted before the scan: an update arriving during it leaves the cache stale-marked.
      List<Map<String, Object>> groups =
          router.scan(QueryableStores.ANNUAL, KeyFilter.all(), Params.MAX_NEEDED, false, 3).items();
      cached = new Cached(published, groups);
      return groups;
    }
  }

  private void record(Context ctx) {
    Params p = new Params(ctx);
    String store = p.key("store");
    if (!QueryableStores.ALL.contains(store)) {
      throw ApiException.badParameter(
          "store", "must be one of " + new TreeSet<>(QueryableStores.ALL));
    }
    String key = p.key("key");
    boolean forwarded = p.raw(InstanceRouter.FORWARDED) != null;
    boolean standby = p.raw(InstanceRouter.STANDBY) != null;
    if ((forwarded || standby) && !peers.isPeer(ctx)) {
      // Only an instance may ask for its local copy: a stale read must be the router's choice.
      throw new ApiException(
          403,
          "query parameter '"
              + (standby ? InstanceRouter.STANDBY : InstanceRouter.FORWARDED)
              + "' is for tradewatch instances only",
          standby ? InstanceRouter.STANDBY : InstanceRouter.FORWARDED);
    }
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

  private void prometheus(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.registry().scrape());
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
    ScanResult result = router.scan(store, filter.after(page.after()), page.needed(), false, 0);
    Map<String, Object> described = seriesParts.isEmpty() ? Map.of() : describe(seriesParts);
    boolean more = result.items().size() > page.offset() + page.limit();
    respond(ctx, 200, pageBody(described, result.total(), page, result.page(page), more));
  }

  /**
   * A page, with {@code next} (the cursor for {@code after}) when more items follow: the last key
   * of this page.
   */
  private static Map<String, Object> pageBody(
      Map<String, Object> head,
      long total,
      Params.Page page,
      List<Map<String, Object>> items,
      boolean more) {
    Map<String, Object> body = new LinkedHashMap<>(head);
    body.put("total", total);
    body.put("offset", page.offset());
    body.put("limit", page.limit());
    if (page.after() != null) {
      body.put("after", page.after());
    }
    body.put("items", items);
    body.put("next", more && !items.isEmpty() ? items.get(items.size() - 1).get("key") : null);
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
    bodies.respond(ctx, status, body);
  }
}
