package io.tradewatch.streams.topology;

import io.tradewatch.avro.Revision;

/**
 * A record whose revision was applied, with the {@link Revision} it caused when it replaced an
 * earlier figure (null for a first publication).
 */
record Revised<T>(T value, Revision revision) {}
