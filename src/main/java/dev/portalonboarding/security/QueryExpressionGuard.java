package dev.portalonboarding.security;

import static dev.portalonboarding.security.EngineFields.field;
import static dev.portalonboarding.security.EngineFields.read;

import java.lang.reflect.Field;

import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

import dev.portalonboarding.onboarding.RejectedRequestException;

/**
 * Refuses a task query that holds an expression anywhere, before it runs. The engine checks only a
 * query's top level and evaluates expressions in its or-queries ({@code orQueries} in the REST API),
 * ad hoc and through filters. Task queries are the only queries with expressions (process instance and
 * history queries have or-queries, but no expressions).
 */
class QueryExpressionGuard extends CommandInterceptor {

    static final String REFUSAL = "Expressions are not allowed in queries.";

    /** What a filter command works on. */
    private static final Field FILTER_ID = field(AbstractExecuteFilterCmd.class, "filterId");
    private static final Field EXTENDING_QUERY = field(AbstractExecuteFilterCmd.class, "extendingQuery");
    private static final Field SAVED_FILTER = field(SaveFilterCmd.class, "filter");

    private final ProcessEngineConfigurationImpl configuration;

    QueryExpressionGuard(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
        if (command instanceof TaskQueryImpl query) {
            refuseExpressions(query);
        } else if (command instanceof AbstractExecuteFilterCmd) {
            refuseExpressions(read(EXTENDING_QUERY, command));
            // Saving refuses expressions now; a filter stored before may still hold one
            if (read(FILTER_ID, command) instanceof String filterId) {
                Filter stored = configuration.getFilterService().getFilter(filterId);
                if (stored != null) {
                    refuseExpressions(stored.getQuery());
                }
            }
        } else if (command instanceof SaveFilterCmd && read(SAVED_FILTER, command) instanceof Filter filter) {
            refuseExpressions(filter.getQuery());
        }
        return next.execute(command);
    }

    private static void refuseExpressions(Object query) {
        if (query instanceof TaskQueryImpl taskQuery
                && taskQuery.getQueries().stream().anyMatch(part -> !part.getExpressions().isEmpty())) {
            throw new RejectedRequestException(REFUSAL);
        }
    }
}
