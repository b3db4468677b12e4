package dev.portalonboarding.bulk;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/bulk/} as one deployment with fixed resource names. Tasklist finds the
 * embedded upload form by its resource name, and the starter's auto-deployment names resources by
 * their absolute file path outside a jar. Unchanged files deploy nothing, so restarts and extra
 * nodes add no versions.
 */
@Component
public class BulkOnboardingDeployment extends AbstractCamundaConfiguration {

    static final String FOLDER = "processes/bulk/";

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        engine.getRepositoryService().createDeployment()
                .name(BulkOnboardingProcess.PROCESS_KEY)
                .addClasspathResource(FOLDER + "bulk-onboarding.bpmn")
                .addClasspathResource(FOLDER + "bulk-onboarding-start.html")
                .addClasspathResource(FOLDER + "review-bulk-dry-run.form")
                .addClasspathResource(FOLDER + "review-bulk-results.form")
                .enableDuplicateFiltering(false)
                .deploy();
    }
}
