package dev.portalonboarding.history;

import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.FORM_PROPERTY_UPDATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.JOB_CREATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.JOB_DELETE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.JOB_SUCCESS;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.VARIABLE_INSTANCE_CREATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.VARIABLE_INSTANCE_DELETE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.VARIABLE_INSTANCE_UPDATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL;

import java.util.Set;

import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.runtime.Job;

import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;

/**
 * Full history without what no view reads: every process, activity, task, variable (its last value),
 * incident, identity link, user operation and failed job attempt is kept, as with {@code full}. Gone
 * are the onboarding's request fields, which the delegates remove in the transaction that set them
 * (their values are in the contact record and its REQUESTED audit entry). Gone
 * are the details of every value a variable took ({@code ACT_HI_DETAIL}: some 14 rows per onboarding)
 * and the job log of jobs that never failed ({@code ACT_HI_JOB_LOG}: created, then succeeded or
 * deleted, for each timer and asynchronous step). Kept of the details are the review's decision and
 * close reason, which the timeline tells per review (an onboarding may be reviewed more than once);
 * kept of the job log is the whole story of a job that failed: its failures, then its success on a
 * later attempt or its deletion (an incident ended by cancelling the onboarding), as Cockpit shows it.
 */
public final class AuditorHistoryLevel extends AbstractHistoryLevel {

    public static final String NAME = "auditor";
    /** Camunda's own levels are 0 to 3; this one is stored in ACT_GE_PROPERTY as {@code historyLevel}. */
    public static final int ID = 30;

    /** The variables of an onboarding whose every value the timeline reads. */
    private static final Set<String> VARIABLES_WITH_DETAILS = Set.of(Variables.REVIEW_DECISION, Variables.CLOSE_REASON);

    private static final Set<HistoryEventType> VARIABLE_INSTANCE_EVENTS = Set.of(VARIABLE_INSTANCE_CREATE,
            VARIABLE_INSTANCE_UPDATE, VARIABLE_INSTANCE_MIGRATE, VARIABLE_INSTANCE_DELETE);

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        if (eventType == VARIABLE_INSTANCE_UPDATE_DETAIL) {
            return entity instanceof HistoricVariableUpdateEventEntity update
                    && OnboardingProcess.PROCESS_KEY.equals(update.getProcessDefinitionKey())
                    && VARIABLES_WITH_DETAILS.contains(update.getVariableName());
        }
        if (VARIABLE_INSTANCE_EVENTS.contains(eventType)) {
            return !(entity instanceof VariableInstanceEntity variable
                    && Variables.REQUEST_FIELDS.contains(variable.getName()) && inOnboarding(variable));
        }
        if (eventType == JOB_SUCCESS || eventType == JOB_DELETE) {
            return entity instanceof Job job && job.getExceptionMessage() != null;
        }
        // A form submission's fields are variables too (their values kept), so their details add nothing
        return eventType != JOB_CREATE && eventType != FORM_PROPERTY_UPDATE;
    }

    private static boolean inOnboarding(VariableInstanceEntity variable) {
        ExecutionEntity execution = variable.getExecution();
        return execution != null && OnboardingProcess.PROCESS_KEY.equals(execution.getProcessDefinition().getKey());
    }
}
