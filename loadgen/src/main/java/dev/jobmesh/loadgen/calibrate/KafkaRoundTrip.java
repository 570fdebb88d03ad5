package dev.jobmesh.loadgen.calibrate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.jobmesh.core.kafka.KafkaClientFactory;
import dev.jobmesh.core.kafka.KafkaSettings;
import dev.jobmesh.loadgen.stats.ThroughputBound;

/**
 * Measures the Kafka ceiling of a {@code noop} job: records the size of a job relayed the way a job travels -
 * produced to one topic, read and answered onto a second by a relay (the worker's part), read back (the gateway's
 * part) - with the producer and consumer settings every jobmesh service uses. No job can finish faster than its
 * records make this trip, so the rate is the bound of {@code noop}.
 */
public final class KafkaRoundTrip {

    static final String IN = "loadgen.roundtrip.in";
    static final String OUT = "loadgen.roundtrip.out";
    private static final int RECORD_BYTES = 300;

    private final KafkaClientFactory clients;
    private final int partitions;

    public KafkaRoundTrip(String bootstrapServers) {
        KafkaSettings settings = KafkaSettings.of(bootstrapServers);
        this.clients = new KafkaClientFactory(settings);
        this.partitions = settings.partitions();
    }

    /**
     * Sends {@code records} through both hops as fast as they go and returns records per second end to end, after
     * a quarter as many unmeasured (a fresh JVM's first trip ran at a third of the speed of its second).
     */
    public ThroughputBound measure(int records, Duration timeout) throws InterruptedException {
        createTopics();
        trip(Math.max(1, records / 4), timeout);
        return trip(records, timeout);
    }

    private ThroughputBound trip(int records, Duration timeout) throws InterruptedException {
        byte[] value = new byte[RECORD_BYTES];
        java.util.Arrays.fill(value, (byte) 'x');
        try (KafkaConsumer<String, byte[]> relayIn = atEnd(clients.consumer("loadgen-roundtrip-relay", null, Map.of()), IN);
             KafkaConsumer<String, byte[]> back = atEnd(clients.consumer("loadgen-roundtrip-back", null, Map.of()), OUT);
             KafkaProducer<String, byte[]> sender = clients.producer("loadgen-roundtrip-send", Map.of());
             KafkaProducer<String, byte[]> relayOut = clients.producer("loadgen-roundtrip-relay", Map.of())) {
            Relay relay = new Relay(relayIn, relayOut);
            Thread relayThread = Thread.ofPlatform().name("loadgen-roundtrip-relay").start(relay);
            try {
                long start = System.nanoTime();
                Thread.ofPlatform().name("loadgen-roundtrip-send").start(() -> {
                    for (int i = 0; i < records; i++) {
                        sender.send(new ProducerRecord<>(IN, "job-" + i, value));
                    }
                    sender.flush();
                });
                long received = 0;
                long deadline = start + timeout.toNanos();
                while (received < records && System.nanoTime() < deadline) {
                    received += back.poll(Duration.ofMillis(100)).count();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (received < records) {
                    throw new IllegalStateException("Kafka round trip: only " + received + " of " + records
                            + " records came back within " + timeout.toSeconds() + " s");
                }
                return ThroughputBound.measured("Kafka round trip of " + String.format("%,d", records)
                        + " job-sized records, two hops", received / seconds);
            } finally {
                relay.stop();
                relayThread.join();
            }
        }
    }

    private void createTopics() throws InterruptedException {
        try (Admin admin = clients.admin("loadgen-roundtrip-admin")) {
            for (String topic : List.of(IN, OUT)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + topic + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
        }
    }

    private KafkaConsumer<String, byte[]> atEnd(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<TopicPartition> all = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(all);
        consumer.seekToEnd(all);
        all.forEach(consumer::position);
        return consumer;
    }

    /** The worker's part: every record read from {@link #IN} is answered on {@link #OUT}. */
    private static final class Relay implements Runnable {
        private final KafkaConsumer<String, byte[]> in;
        private final KafkaProducer<String, byte[]> out;
        private volatile boolean running = true;

        Relay(KafkaConsumer<String, byte[]> in, KafkaProducer<String, byte[]> out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public void run() {
            byte[] answer = "{\"status\":\"SUCCEEDED\"}".getBytes(StandardCharsets.UTF_8);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : in.poll(Duration.ofMillis(50))) {
                    out.send(new ProducerRecord<>(OUT, record.key(), answer));
                }
            }
            out.flush();
        }

        void stop() {
            running = false;
        }
    }
}
