package io.tradewatch.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.UncheckedIOException;

/** Writes response bodies and events as JSON, with one mapper for every route. */
final class JsonBodies {
  private final ObjectMapper json;

  JsonBodies(ObjectMapper json) {
    this.json = json;
  }

  void respond(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(write(body));
  }

  String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
