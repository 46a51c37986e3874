package io.tradewatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Finding 1 of issue 18: the embedded cluster answered Kafka requests on the machine's external
 * address. Seen from outside, as a client on the network would see it: a TCP connect.
 */
class EmbeddedKafkaClusterBindingTest {
  private static EmbeddedKafkaCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = EmbeddedKafkaCluster.start(1, SecureListeners.none());
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void shouldRefuseConnectionsToEveryListenerOnNonLoopbackAddresses() throws IOException {
    // given
    List<InetAddress> external = nonLoopbackAddresses();
    assumeFalse(external.isEmpty(), "this machine has no non-loopback address");
    List<Integer> ports = cluster.listenerPorts();
    assertThat(ports).hasSize(2); // the broker's and the controller's

    for (int port : ports) {
      // when / then: loopback answers, every other address refuses
      try (Socket local = new Socket()) {
        local.connect(new InetSocketAddress(EmbeddedKafkaCluster.LOOPBACK, port), 5_000);
        assertThat(local.isConnected()).isTrue();
      }
      for (InetAddress address : external) {
        assertThatThrownBy(
                () -> {
                  try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 5_000);
                  }
                })
            .as("connect to %s:%d", address.getHostAddress(), port)
            .isInstanceOf(ConnectException.class);
      }
    }
  }

  @Test
  void shouldAdvertiseTheLoopbackAddressToClients() {
    assertThat(cluster.host()).isEqualTo("127.0.0.1");
    assertThat(cluster.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
  }

  private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
    List<InetAddress> out = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        // IPv4 only: an IPv6 link-local address needs a scope the connect may not route.
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          out.add(address);
        }
      }
    }
    return out;
  }
}
