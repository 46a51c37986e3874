package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.schemas.Serdes;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class CommitCounterTest {
  @Test
  void givenAProcessorWithACounter_whenTheTaskCommitsBetweenRecords_thenItSeesTheCountMove() {
    // Given a processor that sends, for each record, the commits its counter has seen
    Topology topology = new Topology();
    topology.addSource("in", Serdes.STRING.deserializer(), Serdes.STRING.deserializer(), "in");
    topology.addProcessor("counting", Counting::new, "in");
    topology.addStateStore(CommitCounter.builder("commits"), "counting");
    topology.addSink("out", "out", Serdes.STRING.serializer(), new LongSerializer(), "counting");
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "commit-counter");
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, config)) {
      TestInputTopic<String, String> in =
          driver.createInputTopic("in", Serdes.STRING.serializer(), Serdes.STRING.serializer());
      TestOutputTopic<String, Long> out =
          driver.createOutputTopic("out", Serdes.STRING.deserializer(), new LongDeserializer());

      // When three records are read (the test driver commits after each)
      in.pipeInput("a", "1");
      in.pipeInput("a", "2");
      in.pipeInput("a", "3");

      // Then each saw one commit more than the one before
      List<Long> seen = out.readValuesToList();
      assertThat(seen).hasSize(3);
      assertThat(seen.get(1)).isEqualTo(seen.get(0) + 1);
      assertThat(seen.get(2)).isEqualTo(seen.get(1) + 1);
    }
  }

  private static final class Counting implements Processor<String, String, String, Long> {
    private ProcessorContext<String, Long> context;
    private CommitCounter commits;

    @Override
    public void init(ProcessorContext<String, Long> context) {
      this.context = context;
      this.commits = context.getStateStore("commits");
    }

    @Override
    public void process(Record<String, String> record) {
      context.forward(record.withValue(commits.commits()));
    }
  }
}
