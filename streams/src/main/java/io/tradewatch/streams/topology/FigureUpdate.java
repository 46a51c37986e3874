package io.tradewatch.streams.topology;

/**
 * A change of one output figure: its value before (null when new) and after. The alert rules judge
 * both, so a condition that held neither before nor now is not sent on (see {@link
 * AlertCandidates#changed}).
 */
record FigureUpdate<V>(V before, V after) {}
