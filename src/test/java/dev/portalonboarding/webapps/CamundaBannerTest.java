package dev.portalonboarding.webapps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.portalonboarding.support.CamundaWebappClient;
import dev.portalonboarding.support.OnboardingTestBase;

/**
 * Every webapp serves our user-styles.css, which hides the "migrate to Camunda 8" banner. The
 * browser tests see it hidden in Tasklist and Cockpit.
 */
class CamundaBannerTest extends OnboardingTestBase {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void webappHidesTheCamunda8Banner(String app) {
        var styles = new CamundaWebappClient(port).get("/camunda/app/" + app + "/styles/user-styles.css");

        assertThat(styles.statusCode()).isEqualTo(200);
        assertThat(styles.body()).containsPattern("\\.ce-eol-banner\\s*\\{\\s*display:\\s*none;");
    }
}
