package io.tradewatch.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The push stream ({@code GET /api/stream}, server-sent events): the request's filter checked and a
 * client slot reserved before the stream opens, then the client handed to the {@link StreamHub},
 * whose writers send its events without a thread per client.
 */
final class PushStreamRoutes {
  private static final String STREAM_FILTER = "tradewatch.stream.filter";
  private static final String STREAM_SLOT = "tradewatch.stream.slot";

  private final Topics topics;
  private final StreamHub hub;
  private final JsonBodies bodies;

  PushStreamRoutes(Topics topics, StreamHub hub, JsonBodies bodies) {
    this.topics = topics;
    this.hub = hub;
    this.bodies = bodies;
  }

  void register(RoutesConfig routes) {
    routes.before("/api/stream", this::streamFilter);
    routes.sse("/api/stream", this::stream);
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
              "topics", "has unknown output '" + Params.abbreviate(name) + "'; known: " + known);
        }
        wanted.add(name);
      }
    }
    ctx.attribute(STREAM_FILTER, new StreamFilter(wanted, p.optionalKeyPrefix("keyPrefix")));
    // Last, once the request is valid: the slot is released when the stream ends.
    StreamHub.Slot slot = hub.reserve(ctx.ip());
    if (slot == null) {
      throw ApiException.unavailable(
          "too many push clients (this address or in total); retry later");
    }
    ctx.attribute(STREAM_SLOT, slot);
  }

  private record StreamFilter(Set<String> topics, String keyPrefix) {}

  /**
   * Hands a push client to the hub and returns: the request stays open (asynchronously) without
   * holding a thread, and the hub's writers send its events.
   */
  private void stream(SseClient client) {
    StreamFilter filter = client.ctx().attribute(STREAM_FILTER);
    StreamHub.Slot slot = client.ctx().attribute(STREAM_SLOT);
    if (filter == null) {
      filter = new StreamFilter(Set.of(), "");
    }
    client.keepAlive();
    client.sendComment("connected");
    StreamHub.Subscription subscription =
        hub.subscribe(slot, filter.topics(), filter.keyPrefix(), new SseSink(client));
    client.onClose(subscription::close);
    if (client.terminated()) {
      subscription.close();
    }
  }

  /** A push client's connection, written by the hub's writer threads. */
  private final class SseSink implements StreamHub.Sink {
    private final SseClient client;

    SseSink(SseClient client) {
      this.client = client;
    }

    @Override
    public boolean send(OutputEvent event) {
      if (event == StreamHub.KEEP_ALIVE) {
        client.sendComment("keep-alive");
      } else if (event == StreamHub.RESYNC) {
        client.sendEvent("resync", "{}");
      } else {
        client.sendEvent("update", bodies.write(event));
      }
      return !client.terminated();
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
