package dev.jobmesh.system.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.jobmesh.core.dispatch.DispatchProperties;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.core.kafka.KafkaSettings;
import dev.jobmesh.core.kafka.TopicProvisioner;
import dev.jobmesh.worker.processes.ProcessPoolProperties;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/k8s as a cluster would get it: each overlay rendered by {@code kubectl kustomize}, every document read back as
 * its typed resource (fabric8's model, Strimzi's API classes; KEDA's and the Prometheus Operator's as generic ones),
 * and held to the rules the services need - limits and probes on every container, a grace period longer than the
 * drain, topics as the services make them, workers scaled on lag no further than their partitions.
 */
class KubernetesManifestsIT {

    private static final Path REPO = Path.of(System.getProperty("jobmesh.repo")).toAbsolutePath().normalize();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Set<String> SERVICES = Set.of("gateway", "worker-threads", "worker-virtual", "worker-processes",
            "worker-async");

    private final KafkaSettings kafka = defaults("jobmesh.kafka", KafkaSettings.class);
    private final DispatchProperties dispatch = defaults("jobmesh.dispatch", DispatchProperties.class);

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasLimitsProbesOnItsManagementPortAndRunsLockedDown(String overlay) {
        Manifests manifests = render(overlay);
        assertThat(manifests.names(Deployment.class)).as("deployments").containsAll(SERVICES);
        for (Deployment deployment : manifests.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String name = deployment.getMetadata().getName();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s runs as non-root", name).isTrue();
            for (Container container : pod.getContainers()) {
                String what = name + "/" + container.getName();
                Map<String, Quantity> requests = container.getResources().getRequests();
                Map<String, Quantity> limits = container.getResources().getLimits();
                assertThat(requests).as("%s requests", what).containsKeys("cpu", "memory");
                assertThat(limits).as("%s limits", what).containsKeys("cpu", "memory");
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as("%s read-only root", what).isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(what).isFalse();
                assertThat(container.getVolumeMounts()).as("%s writable /tmp", what)
                        .anyMatch(mount -> mount.getMountPath().equals("/tmp"));
                if (SERVICES.contains(name)) {
                    assertProbe(what, container, container.getLivenessProbe(), "/actuator/health/liveness");
                    assertProbe(what, container, container.getReadinessProbe(), "/actuator/health/readiness");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceGetsLongerToStopThanItsDrainAndADisruptionBudget(String overlay) {
        Manifests manifests = render(overlay);
        long drain = dispatch.drainTimeout().toSeconds();
        for (String service : SERVICES) {
            Deployment deployment = manifests.get(Deployment.class, service);
            assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                    .as("%s grace period against the %d s drain", service, drain).isGreaterThan(drain);
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(manifests.all(PodDisruptionBudget.class)).as("a disruption budget selecting %s", service)
                    .anyMatch(budget -> labels.entrySet().containsAll(
                            budget.getSpec().getSelector().getMatchLabels().entrySet()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void topicsAreTheServicesOwnWithTheirPartitionsAndConfigs(String overlay) {
        Manifests manifests = render(overlay);
        Map<String, KafkaTopic> topics = new HashMap<>();
        manifests.all(KafkaTopic.class).forEach(topic -> topics.put(topicName(topic), topic));
        assertThat(topics.keySet()).as("topics").containsExactlyInAnyOrderElementsOf(JobTopics.all());
        int partitions = Integer.parseInt(manifests.environment().getOrDefault("JOBMESH_KAFKA_PARTITIONS",
                String.valueOf(kafka.partitions())));
        for (String name : JobTopics.all()) {
            KafkaTopic topic = topics.get(name);
            assertThat(topic.getSpec().getPartitions()).as("%s partitions", name).isEqualTo(partitions);
            Map<String, Object> config = topic.getSpec().getConfig() == null ? Map.of() : topic.getSpec().getConfig();
            TopicProvisioner.configFor(name, kafka).forEach((key, value) ->
                    assertThat(String.valueOf(config.get(key))).as("%s %s", name, key).isEqualTo(value));
            assertThat(topic.getMetadata().getLabels()).as("%s cluster", name)
                    .containsEntry("strimzi.io/cluster", manifests.only(Kafka.class).getMetadata().getName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kafkaRunsOnKraftNodePools(String overlay) {
        Manifests manifests = render(overlay);
        Kafka cluster = manifests.only(Kafka.class);
        assertThat(cluster.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        List<KafkaNodePool> pools = manifests.all(KafkaNodePool.class);
        assertThat(pools).allMatch(pool -> cluster.getMetadata().getName()
                .equals(pool.getMetadata().getLabels().get("strimzi.io/cluster")));
        int brokers = pools.stream().filter(pool -> pool.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(pool -> pool.getSpec().getReplicas()).sum();
        assertThat(pools).as("controllers").anyMatch(pool -> pool.getSpec().getRoles().contains(ProcessRoles.CONTROLLER));
        assertThat(brokers).as("brokers").isEqualTo(overlay.equals("prod") ? 3 : 1);
        int replication = Integer.parseInt(manifests.environment().get("JOBMESH_KAFKA_REPLICATIONFACTOR"));
        assertThat(replication).as("the services' replication factor").isLessThanOrEqualTo(brokers);
        assertThat(manifests.all(KafkaTopic.class)).allMatch(topic -> topic.getSpec().getReplicas() == replication);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void workersScaleOnTheirLagNoFurtherThanTheirPartitionsAndTheGatewayOnCpu(String overlay) {
        Manifests manifests = render(overlay);
        Map<String, Integer> partitions = new HashMap<>();
        manifests.all(KafkaTopic.class).forEach(topic -> partitions.put(topicName(topic), topic.getSpec().getPartitions()));
        List<GenericKubernetesResource> scaled = manifests.generic("ScaledObject");
        for (Model model : Model.values()) {
            String worker = "worker-" + model.id();
            GenericKubernetesResource object = scaled.stream()
                    .filter(o -> worker.equals(o.get("spec", "scaleTargetRef", "name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no ScaledObject scales " + worker));
            List<Map<String, Object>> triggers = object.get("spec", "triggers");
            Map<String, Object> kafkaTrigger = triggers.stream().filter(t -> "kafka".equals(t.get("type"))).findFirst()
                    .orElseThrow(() -> new AssertionError(worker + " has no kafka trigger"));
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) kafkaTrigger.get("metadata");
            assertThat(metadata).as("%s trigger", worker).containsEntry("topic", JobTopics.jobs(model))
                    .containsEntry("consumerGroup", JobTopics.consumerGroup(model));
            int max = ((Number) object.get("spec", "maxReplicaCount")).intValue();
            assertThat(max).as("%s max replicas against the partitions of %s", worker, JobTopics.jobs(model))
                    .isBetween(1, partitions.get(JobTopics.jobs(model)));
        }
        HorizontalPodAutoscaler gateway = manifests.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals("gateway")).findFirst().orElseThrow();
        assertThat(gateway.getSpec().getMetrics()).as("the gateway scales on CPU")
                .anyMatch(metric -> metric.getResource() != null && metric.getResource().getName().equals("cpu"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theProcessModelsMemoryLimitCoversItsChildrenAndTheApiKeysComeFromASecret(String overlay) throws IOException {
        Manifests manifests = render(overlay);
        Container processes = manifests.get(Deployment.class, "worker-processes").getSpec().getTemplate().getSpec()
                .getContainers().getFirst();
        ProcessPoolProperties pool = defaults("jobmesh.processes", ProcessPoolProperties.class);
        int children = Integer.parseInt(env(processes, "JOBMESH_PROCESSES_CHILDREN"));
        long supervisorHeap = heapMb(Files.readAllLines(REPO.resolve("deploy/jvm/worker-processes.options")));
        long childHeap = heapMb(pool.jvmOptions());
        // each JVM's memory beyond its heap (metaspace, code, threads): at least 64 MB, as measured on this machine
        long needed = supervisorHeap + 64 + children * (childHeap + 64);
        long limit = Quantity.getAmountInBytes(processes.getResources().getLimits().get("memory")).longValue() >> 20;
        assertThat(limit).as("worker-processes memory limit (MB) for a %d MB supervisor and %d children of %d MB",
                supervisorHeap, children, childHeap).isGreaterThanOrEqualTo(needed);

        Container gateway = manifests.get(Deployment.class, "gateway").getSpec().getTemplate().getSpec().getContainers()
                .getFirst();
        assertThat(gateway.getEnv()).as("the gateway's first key from a Secret").anyMatch(variable ->
                variable.getName().startsWith("JOBMESH_GATEWAY_AUTH_KEYS_0_") && variable.getValueFrom() != null
                        && variable.getValueFrom().getSecretKeyRef() != null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceIsScrapedByAServiceMonitor(String overlay) {
        Manifests manifests = render(overlay);
        List<GenericKubernetesResource> monitors = manifests.generic("ServiceMonitor");
        for (String service : SERVICES) {
            assertThat(monitors).as("a ServiceMonitor for %s", service).anyMatch(monitor -> {
                Map<String, String> selected = monitor.get("spec", "selector", "matchLabels");
                List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
                return selected != null && service.equals(selected.get("app.kubernetes.io/name"))
                        && endpoints.stream().anyMatch(e -> "/actuator/prometheus".equals(e.get("path")));
            });
        }
    }

    @Test
    void theDashboardsAreConfigMapsForTheGrafanaSidecar() throws IOException {
        Manifests dashboards = new Manifests(kustomize(REPO.resolve("deploy/k8s/dashboards"), true));
        Set<String> files;
        try (Stream<Path> json = Files.list(REPO.resolve("deploy/grafana/dashboards"))) {
            files = json.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> shipped = new TreeSet<>();
        for (GenericKubernetesResource map : dashboards.generic("ConfigMap")) {
            assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
            Map<String, String> data = map.get("data");
            shipped.addAll(data.keySet());
            data.forEach((file, body) -> {
                try {
                    assertThat(body).as(file).isEqualTo(Files.readString(REPO.resolve("deploy/grafana/dashboards").resolve(file)));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        assertThat(shipped).as("dashboards shipped").isEqualTo(files);
    }

    private static void assertProbe(String what, Container container, Probe probe, String path) {
        assertThat(probe).as("%s probe %s", what, path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what).isEqualTo(path);
        String port = probe.getHttpGet().getPort().getStrVal() != null ? probe.getHttpGet().getPort().getStrVal()
                : String.valueOf(probe.getHttpGet().getPort().getIntVal());
        assertThat(container.getPorts()).as("%s probes its management port", what).anyMatch(p ->
                "management".equals(p.getName()) && (port.equals(p.getName()) || port.equals(String.valueOf(p.getContainerPort()))));
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(v -> v.getName().equals(name)).map(EnvVar::getValue)
                .filter(Objects::nonNull).findFirst().orElseThrow(() -> new AssertionError(container.getName() + " has no " + name));
    }

    private static long heapMb(List<String> options) {
        return options.stream().map(String::strip).filter(o -> o.startsWith("-Xmx")).findFirst()
                .map(o -> Quantity.getAmountInBytes(new Quantity(o.substring(4).toUpperCase().replace("M", "Mi")
                        .replace("G", "Gi"))).longValue() >> 20)
                .orElseThrow(() -> new AssertionError("no -Xmx in " + options));
    }

    private static String topicName(KafkaTopic topic) {
        return topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName() : topic.getMetadata().getName();
    }

    private static <T> T defaults(String prefix, Class<T> type) {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate(prefix, type);
    }

    private static Manifests render(String overlay) {
        return new Manifests(kustomize(REPO.resolve("deploy/k8s/overlays").resolve(overlay), false));
    }

    /** {@code kubectl kustomize}, as a cluster user would run it (the dashboards need files outside their root). */
    private static String kustomize(Path directory, boolean filesOutsideRoot) {
        List<String> command = new ArrayList<>(List.of("kubectl", "kustomize"));
        if (filesOutsideRoot) {
            command.addAll(List.of("--load-restrictor", "LoadRestrictionsNone"));
        }
        command.add(directory.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
            assertThat(process.exitValue()).as("kubectl kustomize %s: %s", directory, out).isZero();
            return out;
        } catch (IOException e) {
            throw new AssertionError("kubectl is needed to render deploy/k8s (Debian: apt install kubernetes-client): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The documents of one rendering, each read as its kind's typed resource. */
    private static final class Manifests {

        private final List<String> documents;
        private final List<GenericKubernetesResource> generic = new ArrayList<>();

        Manifests(String yaml) {
            documents = Arrays.stream(yaml.split("(?m)^---\\s*$")).filter(d -> !d.isBlank()).toList();
            documents.forEach(d -> generic.add(SERIALIZATION.unmarshal(d, GenericKubernetesResource.class)));
        }

        <T extends HasMetadata> List<T> all(Class<T> type) {
            String kind = HasMetadata.getKind(type);
            List<T> typed = new ArrayList<>();
            for (int i = 0; i < documents.size(); i++) {
                if (generic.get(i).getKind().equals(kind)) {
                    typed.add(SERIALIZATION.unmarshal(documents.get(i), type));
                }
            }
            return typed;
        }

        <T extends HasMetadata> T get(Class<T> type, String name) {
            return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
        }

        <T extends HasMetadata> T only(Class<T> type) {
            List<T> found = all(type);
            assertThat(found).as(type.getSimpleName()).hasSize(1);
            return found.getFirst();
        }

        Set<String> names(Class<? extends HasMetadata> type) {
            return all(type).stream().map(r -> r.getMetadata().getName()).collect(Collectors.toSet());
        }

        List<GenericKubernetesResource> generic(String kind) {
            return generic.stream().filter(r -> r.getKind().equals(kind)).toList();
        }

        /** The settings every service gets from the shared ConfigMap (jobmesh-env). */
        Map<String, String> environment() {
            return generic("ConfigMap").stream().filter(m -> m.getMetadata().getName().startsWith("jobmesh-env"))
                    .findFirst().<Map<String, String>>map(m -> m.get("data")).orElse(Map.of());
        }
    }
}
