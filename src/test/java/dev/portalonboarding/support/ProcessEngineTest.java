package dev.portalonboarding.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

import dev.portalonboarding.history.AuditorHistoryLevel;
import dev.portalonboarding.history.AuditorHistoryLevelPlugin;

/**
 * Engine-only process tests: a model's paths on an in-memory H2 engine, without Spring, PostgreSQL or
 * SMTP. Every bean the model names by expression is a Mockito mock registered with {@link Mocks}; a
 * mock sets the variables the gateways read, so each path is driven by the model alone. What the
 * delegates do against the database, mail server and identity provider is proven by the
 * full-application tests.
 */
public abstract class ProcessEngineTest {

    /**
     * One engine for all engine-only tests in the JVM, with its own name and database, and taken out of
     * the static engine registry at once: the Spring tests in the same JVM keep finding only theirs.
     */
    private static final ProcessEngine ENGINE = inMemoryEngine();

    /** Deploys the class's or method's {@code @Deployment} before each test and deletes it after. */
    @RegisterExtension
    final ProcessEngineExtension engine = ProcessEngineExtension.builder().useProcessEngine(ENGINE).build();

    /**
     * The engine logs each failing command with its stack trace; here the failures are the paths under
     * test. Quiet only while an engine-only test runs: the Spring tests in the JVM read that log.
     */
    private static final Logger COMMAND_LOG = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.context");

    private Level commandLogLevel;

    @BeforeEach
    void initAssertions() {
        BpmnAwareTests.init(ENGINE);
        commandLogLevel = COMMAND_LOG.getLevel();
        COMMAND_LOG.setLevel(Level.OFF);
    }

    @AfterEach
    void resetMocks() {
        COMMAND_LOG.setLevel(commandLogLevel);
        Mocks.reset();
        BpmnAwareTests.reset();
    }

    /** Registers a delegate under the bean name the model uses, doing what {@code behaviour} does. */
    protected static JavaDelegate delegate(String bean, JavaDelegate behaviour) {
        JavaDelegate delegate = mock(JavaDelegate.class, bean);
        try {
            doAnswer(call -> {
                behaviour.execute(call.getArgument(0));
                return null;
            }).when(delegate).execute(any());
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
        Mocks.register(bean, delegate);
        return delegate;
    }

    /** Registers a delegate that does nothing the model could see. */
    protected static JavaDelegate delegate(String bean) {
        JavaDelegate delegate = mock(JavaDelegate.class, bean);
        Mocks.register(bean, delegate);
        return delegate;
    }

    /** Registers any other bean the model names (a listener). */
    protected static <T> T bean(String name, T bean) {
        Mocks.register(name, bean);
        return bean;
    }

    /**
     * Runs the instance's job at {@code activityId} while it fails, as the job executor would, until its
     * retries are used up; answers how many attempts that took.
     */
    protected static int attemptsUntilIncident(ProcessInstance instance, String activityId) {
        int attempts = 0;
        Job failing = job(activityId, instance);
        while (failing.getRetries() > 0) {
            Job attempt = failing;
            assertThatThrownBy(() -> execute(attempt)).isInstanceOf(RuntimeException.class);
            attempts++;
            failing = managementService().createJobQuery().jobId(failing.getId()).singleResult();
        }
        return attempts;
    }

    private static ProcessEngine inMemoryEngine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("engine-only-process-tests");
        configuration.setJdbcUrl("jdbc:h2:mem:engine-only-process-tests;DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        // The level the application runs with (application.yml)
        configuration.getProcessEnginePlugins().add(new AuditorHistoryLevelPlugin());
        configuration.setHistory(AuditorHistoryLevel.NAME);
        // The models set no time to live; the application sets it on the engine (application.yml)
        configuration.setHistoryTimeToLive("180");
        // Tests run each job themselves, so a failure's retries and incident are theirs to see
        configuration.setJobExecutorActivate(false);
        configuration.setDbMetricsReporterActivate(false);
        configuration.setExpressionManager(new MockExpressionManager());
        ProcessEngine engine = configuration.buildProcessEngine();
        ProcessEngines.unregister(engine);
        return engine;
    }
}
