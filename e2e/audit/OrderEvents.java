import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Every record of a topic, from the beginning of each partition to its end as it is now, as one line per record:
 * {@code key <TAB> eventId header <TAB> eventType header} ("-" where absent). No consumer group: the partitions
 * are assigned, nothing is committed, so the audit leaves no trace on the broker.
 *
 * <p>Run by {@code e2e/audit.sh} with Java's source launcher: {@code java -cp <kafka-clients> OrderEvents.java
 * <bootstrap> <topic>}. Exit 2 if the broker cannot be read within the timeout.
 */
public class OrderEvents {

    public static void main(String[] args) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        String topic = args[1];
        Instant deadline = Instant.now().plusSeconds(60);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            if (partitions == null || partitions.isEmpty()) {
                return; // no topic yet: no event was ever published
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(15));
            StringBuilder out = new StringBuilder();
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    System.err.println("OrderEvents: " + topic + " not read to its end within 60 s");
                    System.exit(2);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    out.append(record.key() == null ? "-" : record.key()).append('\t')
                            .append(header(record, "eventId")).append('\t')
                            .append(header(record, "eventType")).append('\n');
                }
            }
            System.out.print(out);
        }
        catch (RuntimeException e) {
            System.err.println("OrderEvents: cannot read " + topic + " from " + args[0] + ": " + e);
            System.exit(2);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "-" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
