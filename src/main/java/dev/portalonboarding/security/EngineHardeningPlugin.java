package dev.portalonboarding.security;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Closes the engine's known weak spots for signed-in users (Camunda 7 CE gets no more security fixes):
 * no expression in any query runs, only plain collection and {@code java.lang} types are deserialized,
 * no client may store an {@code Object} variable, a task completion sends only its form's fields, and
 * no signed-in user but an admin writes variables other than through a form.
 * The starter installs every plugin bean.
 */
@Component
public class EngineHardeningPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // The app's own filters need no expression; or-queries are checked by QueryExpressionGuard
        configuration.setEnableExpressionsInAdhocQueries(false);
        configuration.setEnableExpressionsInStoredQueries(false);
        // The engine's default allow-list (java.lang, plain JDK collections) and the JDK's immutable lists, which
        // List.of gives a caller of the Java API passing roles; the app itself stores no other object
        configuration.setDeserializationTypeValidationEnabled(true);
        configuration.setDeserializationAllowedClasses(
                "java.util.ImmutableCollections$List12,java.util.ImmutableCollections$ListN");
        configuration.setJavaSerializationFormatEnabled(false);
        if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
        }
        configuration.getCustomPreCommandInterceptorsTxRequired().add(new QueryExpressionGuard(configuration));
        // Before the command context opens: the guard tells a client's call from one inside a command
        configuration.getCustomPreCommandInterceptorsTxRequired().add(new VariableWriteGuard(configuration));
        // After the command context opens: the guard reads the task as the command will
        if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
        }
        configuration.getCustomPostCommandInterceptorsTxRequired().add(new TaskFormFieldGuard());
        if (configuration.getCustomPreVariableSerializers() == null) {
            configuration.setCustomPreVariableSerializers(new ArrayList<>());
        }
        configuration.getCustomPreVariableSerializers().add(new ClientObjectValueGuard());
    }
}
