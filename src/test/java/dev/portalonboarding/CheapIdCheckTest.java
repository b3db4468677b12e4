package dev.portalonboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyEntity;
import org.junit.jupiter.api.Test;

import dev.portalonboarding.support.OnboardingTestBase;

/** The application's engine checks ids on insert without describing every entity; a bad id fails as before. */
class CheapIdCheckTest extends OnboardingTestBase {

    @Test
    void insertingAnEntityNeverDescribesIt() {
        AtomicInteger described = new AtomicInteger();
        PropertyEntity entity = new PropertyEntity("cheap-id-check", "value") {
            @Override
            public String toString() {
                described.incrementAndGet();
                return super.toString();
            }
        };

        inCommandRolledBack(context -> {
            assertThat(context.getDbEntityManager()).isInstanceOf(CheapIdCheck.EntityManager.class);
            context.getDbEntityManager().insert(entity);
        });

        assertThat(described).hasValue(0);
        // And the engine's own inserts work through it: an onboarding starts and is found
        String onboarding = startOnboarding(onboardingForm(uniqueEmail("cheap-id"))).getId();
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(onboarding).count())
                .isOne();
    }

    @Test
    void aNullOrReservedIdFailsWithTheEnginesOwnExceptionAndMessage() {
        for (String badId : new String[] {null, "*"}) {
            inCommandRolledBack(context -> {
                DbEntityManager stock = new DbEntityManager(configuration().getIdGenerator(),
                        context.getSession(PersistenceSession.class));
                Throwable stockFailure = catchFailure(() -> stock.insert(new FixedIdEntity(badId)));
                Throwable ours = catchFailure(() -> context.getDbEntityManager().insert(new FixedIdEntity(badId)));

                assertThat(stockFailure).isExactlyInstanceOf(ProcessEngineException.class);
                assertThat(ours).isExactlyInstanceOf(ProcessEngineException.class)
                        .hasMessage(stockFailure.getMessage())
                        .hasMessageStartingWith("Entity FixedIdEntity[" + badId + "] has an invalid id");
            });
        }
    }

    /** Runs the work in an engine command, then rolls it back: nothing inserted here reaches the database. */
    private void inCommandRolledBack(Consumer<CommandContext> work) {
        assertThatThrownBy(() -> configuration().getCommandExecutorTxRequired().execute(context -> {
            work.accept(context);
            throw new RolledBack();
        })).isInstanceOf(RolledBack.class);
    }

    private static Throwable catchFailure(Runnable insert) {
        try {
            insert.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("The insert was accepted");
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    }

    private static final class RolledBack extends RuntimeException {
    }

    /** An entity whose id stays what it was given, null included (the engine would otherwise generate one). */
    private static final class FixedIdEntity implements DbEntity {

        private final String id;

        FixedIdEntity(String id) {
            this.id = id;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public void setId(String id) {
        }

        @Override
        public Object getPersistentState() {
            return id;
        }

        @Override
        public String toString() {
            return "FixedIdEntity[" + id + "]";
        }
    }
}
