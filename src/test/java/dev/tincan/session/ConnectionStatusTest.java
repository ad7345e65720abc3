package dev.tincan.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A status equals another exactly when every field does, as a record's own equality has it. */
class ConnectionStatusTest {
    private static final ConnectionStatus STATUS =
            new ConnectionStatus(ConnectionStatus.Phase.CONNECTED, "connected.", false, "127.0.0.1:7", false);

    @Test
    void statusesWithTheSameFieldsAreEqualAndHashAlike() {
        ConnectionStatus same = new ConnectionStatus(ConnectionStatus.Phase.CONNECTED, new String("connected."),
                false, new String("127.0.0.1:7"), false);

        assertThat(same).isEqualTo(STATUS);
        assertThat(same.hashCode()).isEqualTo(STATUS.hashCode());
        assertThat(ConnectionStatus.idle(null)).isEqualTo(ConnectionStatus.idle(null));
    }

    @Test
    void aStatusDiffersFromOneWithAnyFieldChanged() {
        List<ConnectionStatus> others = List.of(
                new ConnectionStatus(ConnectionStatus.Phase.IDLE, "connected.", false, "127.0.0.1:7", false),
                new ConnectionStatus(ConnectionStatus.Phase.CONNECTED, "closed.", false, "127.0.0.1:7", false),
                new ConnectionStatus(ConnectionStatus.Phase.CONNECTED, "connected.", true, "127.0.0.1:7", false),
                new ConnectionStatus(ConnectionStatus.Phase.CONNECTED, "connected.", false, "127.0.0.1:8", false),
                new ConnectionStatus(ConnectionStatus.Phase.CONNECTED, "connected.", false, "127.0.0.1:7", true),
                new ConnectionStatus(ConnectionStatus.Phase.CONNECTED, "connected.", false, null, false));

        for (ConnectionStatus other : others) {
            assertThat(other).as(other.toString()).isNotEqualTo(STATUS);
            assertThat(STATUS).as(other.toString()).isNotEqualTo(other);
        }
        assertThat(STATUS).isNotEqualTo(null).isNotEqualTo("connected.");
    }
}
