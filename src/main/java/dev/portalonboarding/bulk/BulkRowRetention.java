package dev.portalonboarding.bulk;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.portalonboarding.OnboardingProperties;

/**
 * Deletes the rows of bulks whose process has ended and whose rows are older than
 * {@code onboarding.history-time-to-live}: with them go the bulk's reports. Every node runs it; two runs
 * at once find the same bulks and delete each row once, so no lock or leader is needed.
 */
@Component
class BulkRowRetention {

    private static final Logger log = LoggerFactory.getLogger(BulkRowRetention.class);
    private static final int CHUNK = 500;

    private final BulkRowRepository rows;
    private final RuntimeService runtime;
    private final OnboardingProperties properties;
    private final Clock clock;

    BulkRowRetention(BulkRowRepository rows, RuntimeService runtime, OnboardingProperties properties, Clock clock) {
        this.rows = rows;
        this.runtime = runtime;
        this.properties = properties;
        this.clock = clock;
    }

    /** Daily, inside the engine's history cleanup window (01:00 to 05:00). */
    @Scheduled(cron = "0 20 1 * * *")
    int deleteExpiredRows() {
        Instant cutoff = OffsetDateTime.now(clock).minus(properties.historyTimeToLive()).toInstant();
        List<String> old = rows.bulksStoredBefore(cutoff);
        int deleted = 0;
        for (int from = 0; from < old.size(); from += CHUNK) {
            Set<String> finished = new HashSet<>(old.subList(from, Math.min(from + CHUNK, old.size())));
            runtime.createProcessInstanceQuery().processInstanceIds(finished).list().stream()
                    .map(ProcessInstance::getId).forEach(finished::remove);
            deleted += rows.deleteBulks(finished);
        }
        if (deleted > 0) {
            log.info("Deleted {} bulk rows older than {}", deleted, properties.historyTimeToLive());
        }
        return deleted;
    }
}
