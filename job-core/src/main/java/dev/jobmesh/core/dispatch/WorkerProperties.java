package dev.jobmesh.core.dispatch;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

import dev.jobmesh.core.job.Model;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who a worker is.
 *
 * @param model      the model it serves, which picks its topic and consumer group
 * @param instanceId the name written into each job's status; defaults to model, host and pid
 */
@ConfigurationProperties("jobmesh.worker")
public record WorkerProperties(Model model, String instanceId) {

    public WorkerProperties {
        if (model == null) {
            throw new IllegalArgumentException("jobmesh.worker.model must be set (threads, virtual, processes or async)");
        }
        instanceId = instanceId == null || instanceId.isBlank() ? model.id() + "@" + host() + ":" + ProcessHandle.current().pid()
                : instanceId;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
