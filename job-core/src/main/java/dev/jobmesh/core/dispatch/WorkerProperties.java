package dev.jobmesh.core.dispatch;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

import dev.jobmesh.core.job.Model;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Who a worker is.
 *
 * @param model      The model it serves, which picks its topic and consumer group: threads, virtual, processes or
 *                   async. Required; each worker's configuration file sets it.
 * @param instanceId The name written into each job's status. Defaults to model, host and pid.
 */
@ConfigurationProperties("jobmesh.worker")
public record WorkerProperties(Model model, String instanceId) {

    public WorkerProperties {
        Assert.notNull(model, "jobmesh.worker.model must be set (threads, virtual, processes or async)");
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
