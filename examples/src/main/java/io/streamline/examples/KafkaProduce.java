package io.streamline.examples;

import io.streamline.tuning.CommandLineOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The course's producer: writes text lines to a Kafka topic at a fixed rate, from a file or generated from the
 * vocabulary of {@link PublishData}, for {@link KafkaWordCount} (or any consumer) to read; with
 * {@code --kind transactions}, generated card transactions ({@link CardTransaction#csv()}, transaction ids from
 * {@code seed * 2^32} on, keyed by id) for {@link KafkaFraudDetection}.
 *
 * <pre>
 * examples/kafka/broker.sh start
 * examples/run.sh KafkaProduce --topic test --rate 100 [--file lines.txt [--loop true] | --kind transactions]
 *                              [--count N] [--seconds 300] [--bootstrap 127.0.0.1:9092] [--partitions 4] [--seed 42]
 * </pre>
 * The topic is created with {@code --partitions} partitions if it does not exist. Lines are paced open-loop (line
 * {@code k} is due at {@code k / rate} seconds) and spread over the partitions by the producer's default partitioner.
 * Stops after {@code --count} lines, at the end of the file (unless {@code --loop true}), or after {@code --seconds}.
 */
public final class KafkaProduce {
    private KafkaProduce() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions a = CommandLineOptions.parseOrExit(args,
                "usage: examples/run.sh KafkaProduce --topic T [--rate 100] [--file F [--loop true] | --kind text|transactions]"
                        + " [--count N] [--seconds 300] [--bootstrap 127.0.0.1:9092] [--partitions 4] [--seed 42]",
                "topic", "rate", "file", "loop", "kind", "count", "seconds", "bootstrap", "partitions", "seed");
        Examples.announce(KafkaProduce.class);
        String bootstrap = a.string("bootstrap").orElse("127.0.0.1:9092");
        String topic = a.string("topic").orElse("test");
        long rate = a.longValue("rate", 100);
        long count = a.longValue("count", Long.MAX_VALUE);
        long seconds = a.longValue("seconds", 300);
        boolean loop = a.string("loop").map(Boolean::parseBoolean).orElse(false);
        List<String> file = a.string("file").isPresent() ? Files.readAllLines(Path.of(a.string("file").get()), StandardCharsets.UTF_8) : null;
        String kind = a.string("kind").orElse("text");
        boolean transactions = kind.equals("transactions");
        if (!transactions && !kind.equals("text") || transactions && file != null) {
            System.err.println("KafkaProduce: --kind must be text (generated, or the lines of --file) or transactions"
                    + " (generated card transactions, without --file), got " + kind + (file != null ? " with --file" : ""));
            System.exit(2);
        }
        long seed = a.longValue("seed", 42);
        Random random = new Random(seed);

        createTopic(bootstrap, topic, (int) a.longValue("partitions", 4));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        long sent = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            while (sent < count && System.nanoTime() < deadline) {
                String key = null;
                String line;
                if (transactions) {
                    CardTransaction txn = CardTransaction.of((seed << 32) + sent);
                    key = Long.toString(txn.id());
                    line = txn.csv();
                } else if (file == null) {
                    line = generated(random);
                } else if (sent < file.size() || loop && !file.isEmpty()) {
                    line = file.get((int) (sent % file.size()));
                } else {
                    break;
                }
                long due = start + (long) (sent * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                producer.send(new ProducerRecord<>(topic, key, line));
                sent++;
                if (sent % Math.max(1, rate * 5) == 0) {
                    System.out.println("KafkaProduce: " + sent + " lines written to " + topic);
                }
            }
            producer.flush();
        }
        System.out.println("KafkaProduce: " + sent + " lines written to " + topic + " at " + bootstrap);
    }

    private static String generated(Random random) {
        StringBuilder line = new StringBuilder();
        for (int w = 0; w < 6; w++) {
            line.append(w == 0 ? "" : " ").append(PublishData.VOCABULARY[random.nextInt(PublishData.VOCABULARY.length)]);
        }
        return line.toString();
    }

    /** Creates {@code topic} unless it exists. */
    static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
            System.out.println("KafkaProduce: created topic " + topic + " with " + partitions + " partitions");
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
