package dev.portalonboarding.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.SchemaOperationsCommand;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes {@link AuditorHistoryLevel} a level {@code camunda.bpm.history-level} may name (application.yml
 * names it; {@code full} is the way back). The engine stores the level it first ran with and refuses
 * to start with another ("historyLevel mismatch"). Between {@code full} and {@code auditor} that check
 * guards nothing, since both keep the same tables and views read either alike, so after the engine
 * created or updated its schema, and before it checks the level, a stored one of the two becomes the
 * configured one: an existing database upgrades, and one may switch back. One conditional update in
 * the schema operations' transaction: nodes starting at once change it once.
 */
@Component
public class AuditorHistoryLevelPlugin extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(AuditorHistoryLevelPlugin.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(new AuditorHistoryLevel());
        configuration.setCustomHistoryLevels(levels);
        SchemaOperationsCommand schemaOperations = configuration.getSchemaOperationsCommand();
        configuration.setSchemaOperationsCommand(commandContext -> {
            schemaOperations.execute(commandContext);
            storeConfiguredLevel(configuration, commandContext);
            return null;
        });
    }

    private static void storeConfiguredLevel(ProcessEngineConfigurationImpl configuration, CommandContext commandContext) {
        int configured = configuration.getHistoryLevel().getId();
        int other;
        if (configured == AuditorHistoryLevel.ID) {
            other = HistoryLevel.HISTORY_LEVEL_FULL.getId();
        } else if (configured == HistoryLevel.HISTORY_LEVEL_FULL.getId()) {
            other = AuditorHistoryLevel.ID;
        } else {
            return;
        }
        String properties = configuration.getDatabaseTablePrefix() + "ACT_GE_PROPERTY";
        Connection connection = commandContext.getDbSqlSession().getSqlSession().getConnection();
        try (PreparedStatement update = connection.prepareStatement("update " + properties
                + " set VALUE_ = ?, REV_ = REV_ + 1 where NAME_ = 'historyLevel' and VALUE_ = ?")) {
            update.setString(1, Integer.toString(configured));
            update.setString(2, Integer.toString(other));
            if (update.executeUpdate() > 0) {
                LOG.info("The engine's stored history level changed from {} to {}, as camunda.bpm.history-level says",
                        other == AuditorHistoryLevel.ID ? AuditorHistoryLevel.NAME : "full",
                        configuration.getHistoryLevel().getName());
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("Cannot store the history level in " + properties, e);
        }
    }
}
