package io.tradewatch.dashboard;

/**
 * One record read from an output topic, as pushed to the page.
 *
 * @param topic the output's short name ({@code trade-annual}), without the topic prefix
 * @param key the record key
 * @param value the record as JSON ({@link io.tradewatch.schemas.AvroJson}: decimals as strings),
 *     null for a deletion
 * @param timestamp the record timestamp: the start of its statistical period
 * @param publishedAt when the input behind it was published (epoch ms), or null if unknown
 */
record OutputEvent(String topic, String key, Object value, long timestamp, Long publishedAt) {}
