package dev.portalonboarding;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Each failed job attempt is one log line: which job, why, and when it runs again or that it became
 * an incident. The engine's own stack traces per attempt are off ({@code enable-cmd-exception-logging},
 * {@code enable-reduced-job-exception-logging} in application.yml): an SMTP outage would otherwise
 * log two stack traces per email per attempt. The last attempt's stack trace is still logged by the
 * job executor and kept with the incident.
 */
@Component
public class JobFailureLog extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(JobFailureLog.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        FailedJobCommandFactory retries = configuration.getFailedJobCommandFactory() != null
                ? configuration.getFailedJobCommandFactory() : new DefaultFailedJobCommandFactory();
        configuration.setFailedJobCommandFactory((jobId, failure) -> loggedAfter(retries.getCommand(jobId, failure), jobId, failure));
    }

    private static Command<Object> loggedAfter(Command<Object> retry, String jobId, Throwable failure) {
        return commandContext -> {
            Object result = retry.execute(commandContext);
            JobEntity job = commandContext.getJobManager().findJobById(jobId);
            if (job != null) {
                String next = job.getRetries() <= 0 ? "no attempts left, an incident is raised"
                        : "next attempt " + (job.getDuedate() == null ? "now" : "at " + job.getDuedate().toInstant())
                                + ", " + job.getRetries() + " left";
                LOG.warn("Job {} ({} of process instance {}) failed: {}; {}", jobId, job.getActivityId(),
                        job.getProcessInstanceId(), reason(failure), next);
            }
            return result;
        };
    }

    /** The failure's message and, if different, its root cause's: what failed and why, without the trace. */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? reason : reason + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
