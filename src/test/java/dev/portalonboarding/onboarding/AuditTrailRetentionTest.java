package dev.portalonboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portalonboarding.contact.ContactEventType;

import dev.portalonboarding.onboarding.OnboardingProcess.Elements;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.support.OnboardingTestBase;

/**
 * An onboarding's invitation audit trail goes when the onboarding ended more than the history time to
 * live (180 days here) ago, or when the engine has forgotten it and the trail is that old; a contact's
 * events go once they are that old.
 */
class AuditTrailRetentionTest extends OnboardingTestBase {

    @Autowired
    private AuditTrailRetention retention;
    @Autowired
    private JdbcClient jdbc;

    @AfterEach
    void engineTimeIsNow() {
        ClockUtil.reset();
    }

    @Test
    void deletesTheTrailsOfOnboardingsThatEndedLongerAgoThanTheTimeToLive() {
        ClockUtil.setCurrentTime(Date.from(daysAgo(200)));
        String endedLongAgo = revokedOnboarding();
        ClockUtil.reset();
        String endedRecently = revokedOnboarding();
        String running = invitedOnboarding(uniqueEmail("retention-running")).getId();
        String forgotten = "forgotten-" + UUID.randomUUID();
        copyInvitation(running, forgotten);
        for (String onboarding : new String[] {endedLongAgo, endedRecently, running, forgotten}) {
            backdateTrail(onboarding, daysAgo(190));
        }

        assertThat(retention.deleteExpiredTrails()).isGreaterThanOrEqualTo(2);

        assertThat(trail(endedLongAgo)).isZero();
        assertThat(trail(forgotten)).isZero();
        assertThat(trail(endedRecently)).as("ended within the time to live").isPositive();
        assertThat(trail(running)).isPositive();
        assertThat(jdbc.sql("select count(*) from onboarding.invitation where process_instance_id = :id")
                .param("id", endedLongAgo).query(Integer.class).single()).as("the invitations stay").isEqualTo(1);
        assertThat(retention.deleteExpiredTrails()).as("a second run, as on another node").isZero();
    }

    @Test
    void deletesContactEventsOlderThanTheTimeToLive() {
        UUID contact = contactOf(invitedOnboarding(uniqueEmail("retention-contact")));
        contactEvents.record(contact, ContactEventType.ERASED, "requester", "approver", "long ago");
        jdbc.sql("update onboarding.contact_event set occurred_at = :occurredAt where contact_id = :contact")
                .param("occurredAt", Timestamp.from(daysAgo(181))).param("contact", contact).update();
        contactEvents.record(contact, ContactEventType.ERASED, "requester", "approver", "recently");

        assertThat(retention.deleteExpiredContactEvents()).isGreaterThanOrEqualTo(1);

        assertThat(contactEvents.findByContact(contact)).extracting(event -> event.reason()).containsExactly("recently");
        assertThat(retention.deleteExpiredContactEvents()).as("a second run, as on another node").isZero();
    }

    private UUID contactOf(ProcessInstance onboarding) {
        return UUID.fromString((String) processEngine.getRuntimeService().getVariable(onboarding.getId(),
                Variables.CONTACT_ID));
    }

    private ProcessInstance invitedOnboarding(String email) {
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(Elements.SEND_INVITATION_EMAIL, onboarding));
        return onboarding;
    }

    private String revokedOnboarding() {
        String email = uniqueEmail("retention-revoked");
        String onboarding = invitedOnboarding(email).getId();
        processEngine.getRuntimeService().startProcessInstanceByKey(OnboardingProcess.REVOKE_PROCESS_KEY,
                Map.of(Variables.EMAIL, email, Variables.REVOKE_REASON, "Sent to the wrong person"));
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(onboarding)
                .count()).isZero();
        return onboarding;
    }

    /** An onboarding the engine's history cleanup already removed: only our tables still name it. */
    private void copyInvitation(String from, String processInstanceId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into onboarding.invitation (id, contact_id, process_instance_id, status, validity_days,
                    created_at, expires_at)
                select :id, contact_id, :processInstanceId, 'EXPIRED', validity_days, created_at, expires_at
                  from onboarding.invitation where process_instance_id = :from
                """)
                .param("id", id).param("processInstanceId", processInstanceId).param("from", from).update();
        jdbc.sql("""
                insert into onboarding.invitation_event (invitation_id, type, occurred_at, actor)
                values (:id, 'EXPIRED', current_timestamp, 'system')
                """)
                .param("id", id).update();
    }

    private void backdateTrail(String processInstanceId, Instant occurredAt) {
        jdbc.sql("""
                update onboarding.invitation_event set occurred_at = :occurredAt where invitation_id in
                    (select id from onboarding.invitation where process_instance_id = :processInstanceId)
                """)
                .param("occurredAt", Timestamp.from(occurredAt)).param("processInstanceId", processInstanceId).update();
    }

    private int trail(String processInstanceId) {
        return jdbc.sql("""
                select count(*) from onboarding.invitation_event e join onboarding.invitation i on i.id = e.invitation_id
                 where i.process_instance_id = :processInstanceId
                """)
                .param("processInstanceId", processInstanceId).query(Integer.class).single();
    }

    private static Instant daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days));
    }
}
