package dev.portalonboarding;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Job acquisition that stays cheap while many timers wait. Every onboarding leaves two timers (reminder,
 * expiry) due days ahead. Camunda's default acquisition query has no order, so the database scans every
 * waiting timer to find the few due jobs, on each acquisition of each node, and a large bulk onboarding
 * slows down as it goes. Acquiring by due date, with every job given one, lets an index on the due date
 * answer from the due jobs alone (oldest first); an index on the lock expiry does the same for the query's
 * check that no other exclusive job of the instance is running.
 */
@Component
public class IndexedJobAcquisition extends AbstractProcessEnginePlugin {

    static final String DUE_DATE_INDEX = "ACT_IDX_JOB_ACQ_DUEDATE";
    static final String LOCK_INDEX = "ACT_IDX_JOB_ACQ_LOCK_EXP";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setJobExecutorAcquireByDueDate(true);
        configuration.setEnsureJobDueDateNotNull(true);
    }

    /**
     * After the engine created or updated its schema; every node runs this, so it is idempotent. An
     * index that exists is not created again: even {@code create index if not exists} locks the table
     * against writes first, so a node starting during a bulk would wait for, and hold up, every job.
     */
    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String jobs = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
        try (Connection connection = configuration.getDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            Set<String> existing = indexesOfJobTable(connection);
            if (!existing.contains(DUE_DATE_INDEX)) {
                statement.execute("create index if not exists " + DUE_DATE_INDEX + " on " + jobs + " (DUEDATE_)");
            }
            if (!existing.contains(LOCK_INDEX)) {
                statement.execute("create index if not exists " + LOCK_INDEX + " on " + jobs + " (LOCK_EXP_TIME_)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the job acquisition indexes on " + jobs, e);
        }
    }

    /** Upper-case names; the table is looked up in the case the database stores names in. */
    private static Set<String> indexesOfJobTable(Connection connection) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        String table = metadata.storesLowerCaseIdentifiers() ? "act_ru_job" : "ACT_RU_JOB";
        Set<String> names = new HashSet<>();
        try (ResultSet indexes = metadata.getIndexInfo(null, null, table, false, true)) {
            while (indexes.next()) {
                String name = indexes.getString("INDEX_NAME");
                if (name != null) {
                    names.add(name.toUpperCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
