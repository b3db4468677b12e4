package dev.portalonboarding.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Engine restarts on one H2 database (as the embedded profile keeps it): a database that ran with full
 * history starts with the auditor level, and back; any other stored level still refuses to start.
 */
class AuditorHistoryLevelPluginTest {

    private final String database = "jdbc:h2:mem:history-level-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Test
    void aDatabaseThatRanWithFullHistoryStartsWithTheAuditorLevelAndBack() {
        assertThat(storedLevelAfterARunWith(ProcessEngineConfiguration.HISTORY_FULL)).isEqualTo("3");

        assertThat(storedLevelAfterARunWith(AuditorHistoryLevel.NAME)).isEqualTo("30");
        assertThat(storedLevelAfterARunWith(AuditorHistoryLevel.NAME)).isEqualTo("30");
        assertThat(storedLevelAfterARunWith(ProcessEngineConfiguration.HISTORY_FULL)).isEqualTo("3");
    }

    @Test
    void aDatabaseOfAnotherLevelStillRefusesTheAuditorLevel() {
        storedLevelAfterARunWith(ProcessEngineConfiguration.HISTORY_AUDIT);

        assertThatThrownBy(() -> storedLevelAfterARunWith(AuditorHistoryLevel.NAME))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("historyLevel mismatch");
    }

    private String storedLevelAfterARunWith(String level) {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("history-level-" + UUID.randomUUID());
        configuration.setJdbcUrl(database);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setDbMetricsReporterActivate(false);
        configuration.getProcessEnginePlugins().add(new AuditorHistoryLevelPlugin());
        configuration.setHistory(level);
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            return engine.getManagementService().getProperties().get("historyLevel");
        } finally {
            engine.close();
        }
    }
}
