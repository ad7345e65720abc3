package dev.tincan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.client.BatchQueue;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class QueueKindTest {

    @Test
    void eachKindMakesItsOwnQueueAndPutsEveryElementInOrder() throws Exception {
        BlockingQueue<Integer> batch = QueueKind.parse("batch").create(4);
        BlockingQueue<Integer> array = QueueKind.parse(" ARRAY ").create(4);
        assertThat(batch).isInstanceOf(BatchQueue.class);
        assertThat(array).isInstanceOf(ArrayBlockingQueue.class);
        for (BlockingQueue<Integer> q : List.of(batch, array)) {
            QueueKind.putAll(q, List.of(1, 2, 3));
            assertThat(q).containsExactly(1, 2, 3);
            assertThat(q.remainingCapacity()).isEqualTo(1);
        }
    }

    @Test
    void anUnknownKindIsOneSentence() {
        assertThatThrownBy(() -> QueueKind.parse("linked")).hasMessage("unknown queue \"linked\": use batch or array.");
    }
}
