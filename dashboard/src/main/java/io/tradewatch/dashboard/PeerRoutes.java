package io.tradewatch.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tradewatch.streams.query.QueryableStores;
import java.util.Map;
import java.util.TreeSet;

/**
 * The endpoint other tradewatch instances call to scan this instance's stores ({@value
 * InstanceRouter#INTERNAL_SCAN}): answered to peers only, its parameters validated like the public
 * ones and {@code needed} bounded.
 */
final class PeerRoutes {
  private final LocalStores local;
  private final PeerAuth peers;
  private final JsonBodies bodies;

  PeerRoutes(LocalStores local, PeerAuth peers, JsonBodies bodies) {
    this.local = local;
    this.peers = peers;
    this.bodies = bodies;
  }

  void register(RoutesConfig routes) {
    routes.before(InstanceRouter.INTERNAL_SCAN, this::peersOnly);
    routes.get(InstanceRouter.INTERNAL_SCAN, this::internalScan);
  }

  private void peersOnly(Context ctx) {
    if (!peers.isPeer(ctx)) {
      throw new ApiException(
          403, "'" + ctx.path() + "' answers other tradewatch instances only", null);
    }
  }

  private void internalScan(Context ctx) {
    Params p = new Params(ctx);
    String store = p.key("store");
    if (!QueryableStores.ALL.contains(store)) {
      throw ApiException.badParameter(
          "store", "must be one of " + new TreeSet<>(QueryableStores.ALL));
    }
    KeyFilter filter =
        KeyFilter.fromQuery(
            ctx.queryParams("part"), p.raw("from"), p.raw("to"), p.optionalKey("after"));
    int needed = p.integer("needed", Params.DEFAULT_LIMIT, 1, Params.MAX_NEEDED);
    // Pairs group by source|reporter|partner; a larger group is no query of ours.
    int group = p.integer("group", 0, 0, 3);
    String desc = p.raw("desc");
    if (desc != null && !desc.equals("true") && !desc.equals("false")) {
      throw ApiException.badParameter("desc", "must be true or false");
    }
    // Grouped scans (pairs) return one item per group: the cache above bounds how often.
    ScanResult result = local.scan(store, filter, needed, "true".equals(desc), group);
    bodies.respond(ctx, 200, Map.of("total", result.total(), "items", result.items()));
  }
}
