package dev.portalonboarding.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The staff and auditor demo users of the embedded profile (credentials in the README). The admin
 * comes from {@code camunda.bpm.admin-user}. Production has neither demo user.
 */
@Component
@Profile("embedded")
@Order(1) // after CamundaAccessSetup has created the groups
public class DemoUsers extends AbstractCamundaConfiguration {

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        user(identity, "staff", "Sam", "Staff", CamundaAccessSetup.STAFF_GROUP);
        user(identity, "auditor", "Alex", "Auditor", CamundaAccessSetup.AUDITOR_GROUP);
        user(identity, "privacy", "Pat", "Privacy", CamundaAccessSetup.PRIVACY_GROUP);
    }

    private static void user(IdentityService identity, String id, String firstName, String lastName, String group) {
        if (identity.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identity.newUser(id);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setEmail(id + "@example.org");
        user.setPassword(id);
        identity.saveUser(user);
        identity.createMembership(id, group);
    }
}
