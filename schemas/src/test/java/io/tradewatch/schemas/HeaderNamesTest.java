package io.tradewatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The header names are a wire format: records already on the topics carry them and consumers
 * outside tradewatch read them (README). Every module uses the constants, so this is the one place
 * that notices a rename.
 */
class HeaderNamesTest {
  @Test
  void theHeaderNamesOnTheWireStayTheSame() {
    assertThat(WireHeaders.FILE).isEqualTo("tw.source.file");
    assertThat(WireHeaders.LINE).isEqualTo("tw.source.line");
    assertThat(WireHeaders.PUBLISHED_AT).isEqualTo("tw.published-at");
    assertThat(DeadLetterHeaders.REASON).isEqualTo("tw.reason");
    assertThat(DeadLetterHeaders.WEBHOOK_URL).isEqualTo("tw.webhook.url");
    assertThat(DeadLetterHeaders.SOURCE_TOPIC).isEqualTo("__streams.errors.topic");
    assertThat(DeadLetterHeaders.SOURCE_PARTITION).isEqualTo("__streams.errors.partition");
    assertThat(DeadLetterHeaders.SOURCE_OFFSET).isEqualTo("__streams.errors.offset");
    assertThat(DeadLetterHeaders.CHECK).isEqualTo("__streams.errors.exception");
    assertThat(DeadLetterHeaders.MESSAGE).isEqualTo("__streams.errors.message");
    assertThat(
            java.util.List.of(
                DeadLetterHeaders.SOURCE_TOPIC,
                DeadLetterHeaders.SOURCE_PARTITION,
                DeadLetterHeaders.SOURCE_OFFSET,
                DeadLetterHeaders.CHECK,
                DeadLetterHeaders.MESSAGE))
        .allMatch(name -> name.startsWith(DeadLetterHeaders.STREAMS_ERRORS_PREFIX));
  }
}
