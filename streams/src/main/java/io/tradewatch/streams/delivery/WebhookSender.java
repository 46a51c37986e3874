package io.tradewatch.streams.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs JSON to a webhook, retrying with exponential backoff. A 2xx answer is success; anything
 * else (an error status, a refused connection, a timeout) is retried until the attempts run out.
 */
public final class WebhookSender implements AlertWebhook.Endpoint {
  /** The outcome of one delivery. */
  public record Result(boolean delivered, int attempts, String lastError) {}

  private final HttpClient http;
  private final URI url;
  private final int maxAttempts;
  private final Duration firstBackoff;

  public WebhookSender(URI url, int maxAttempts, Duration firstBackoff) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.url = url;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public URI url() {
    return url;
  }

  public Result send(String json) throws InterruptedException {
    return send(json, null);
  }

  /** Sends with the event's id in {@value AlertWebhook#EVENT_ID_HEADER} when there is one. */
  @Override
  public Result send(String json, String eventId) throws InterruptedException {
    Duration backoff = firstBackoff;
    String lastError = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (eventId != null) {
          request.header(AlertWebhook.EVENT_ID_HEADER, eventId);
        }
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
          return new Result(true, attempt, null);
        }
        lastError = "HTTP " + response.statusCode();
      } catch (IOException e) {
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      if (attempt < maxAttempts) {
        Thread.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2);
      }
    }
    return new Result(false, maxAttempts, lastError);
  }
}
