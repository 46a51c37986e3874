package io.tradewatch.dashboard;

import io.javalin.http.Context;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * How instances of one application recognise each other: requests between them carry the shared
 * secret of the settings ({@code dashboard.peer.secret}) in a header. The peer-internal requests
 * (store scans, forwarded and standby reads) are refused without it, so an outsider can neither
 * read a whole store past the page limits nor choose a stale read.
 */
final class PeerAuth {
  static final String HEADER = "X-Tradewatch-Peer";

  private final byte[] secret;

  PeerAuth(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  HttpRequest.Builder sign(HttpRequest.Builder request) {
    return request.header(HEADER, new String(secret, StandardCharsets.UTF_8));
  }

  /** Compared in constant time: the answer's timing tells nothing about the secret. */
  boolean isPeer(Context ctx) {
    String presented = ctx.header(HEADER);
    return presented != null
        && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
  }
}
