package dev.portalonboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portalonboarding.api.ApiClients;

/**
 * No machine here runs Docker, so docker-compose.yml and the Keycloak realm it imports are checked
 * against the application's own configuration instead: ports, client ids, secrets, redirect URIs and
 * the environment the production profile requires.
 */
class DockerComposeTest {

    private static Map<String, Object> services;
    private static Map<String, String> appEnvironment;
    private static JsonNode realm;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        services = (Map<String, Object>) compose.get("services");
        appEnvironment = (Map<String, String>) service("app").get("environment");
        realm = new ObjectMapper().readTree(Path.of("docker/keycloak/portal-realm.json").toFile());
    }

    @Test
    void theAppRunsTheProductionProfileWithKeycloakAndEverySettingItRequires() throws IOException {
        assertThat(appEnvironment.get("SPRING_PROFILES_ACTIVE")).isEqualTo("prod,keycloak");
        assertThat(appEnvironment).containsKeys("SPRING_DATASOURCE_URL", "SPRING_MAIL_HOST",
                "ONBOARDING_PUBLIC_BASE_URL", "ONBOARDING_ADMIN_PASSWORD", "ONBOARDING_INVITATION_CODE_SECRET",
                "ONBOARDING_METRICS_PASSWORD");
        for (String variable : placeholdersWithoutDefault("src/main/resources/application-keycloak.yml")) {
            assertThat(appEnvironment).as("set for application-keycloak.yml").containsKey(variable);
        }
    }

    @Test
    void theAppReachesPostgresAndTheMailCatcherByTheirServiceNames() {
        @SuppressWarnings("unchecked")
        Map<String, String> postgres = (Map<String, String>) service("postgres").get("environment");
        assertThat(appEnvironment.get("SPRING_DATASOURCE_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(appEnvironment.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(appEnvironment.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        assertThat(services).containsKey(appEnvironment.get("SPRING_MAIL_HOST"));
        assertThat(appEnvironment.get("SPRING_MAIL_PORT")).isEqualTo("1025"); // Mailpit's SMTP port
        assertThat(service("app").get("ports")).asList().contains("8080:8080");
    }

    @Test
    void keycloakListensWhereTheAppAndBrowsersLookForIt() {
        Map<String, Object> keycloak = service("keycloak");
        assertThat(keycloak.get("command")).asList().contains("--import-realm", "--http-port=8180");
        assertThat(keycloak.get("ports")).asList().contains("8180:8180");
        assertThat(keycloak.get("volumes")).asList().contains("./docker/keycloak:/opt/keycloak/data/import:ro");
        @SuppressWarnings("unchecked")
        Map<String, String> environment = (Map<String, String>) keycloak.get("environment");
        assertThat(environment.get("KC_HOSTNAME")).isEqualTo(appEnvironment.get("KEYCLOAK_URL"))
                .isEqualTo("http://localhost:8180");
        assertThat(appEnvironment.get("KEYCLOAK_INTERNAL_URL")).isEqualTo("http://keycloak:8180");
    }

    @Test
    void theRealmHasThePortalClientWithTheAppsSecretAndRedirectUri() {
        assertThat(realm.get("realm").asText()).isEqualTo(appEnvironment.get("KEYCLOAK_REALM"));
        assertThat(realm.get("registrationAllowed").asBoolean()).isTrue();
        assertThat(realm.get("verifyEmail").asBoolean()).as("so that email_verified means something").isTrue();
        assertThat(realm.at("/smtpServer/host").asText()).isEqualTo("mailpit");
        JsonNode portal = client(appEnvironment.get("KEYCLOAK_CLIENT_ID"));
        assertThat(portal.get("secret").asText()).isEqualTo(appEnvironment.get("KEYCLOAK_CLIENT_SECRET"));
        assertThat(portal.get("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(portal.get("redirectUris").get(0).asText())
                .isEqualTo(appEnvironment.get("ONBOARDING_PUBLIC_BASE_URL") + "/login/oauth2/code/portal");
    }

    @Test
    void theRealmLetsTheServiceAccountLinkUsers() {
        JsonNode service = client(appEnvironment.get("KEYCLOAK_ADMIN_CLIENT_ID"));
        assertThat(service.get("secret").asText()).isEqualTo(appEnvironment.get("KEYCLOAK_ADMIN_CLIENT_SECRET"));
        assertThat(service.get("serviceAccountsEnabled").asBoolean()).isTrue();
        JsonNode account = realm.get("users").get(0);
        assertThat(account.get("serviceAccountClientId").asText()).isEqualTo(service.get("clientId").asText());
        assertThat(account.at("/clientRoles/realm-management").toString()).contains("manage-users", "query-groups");
        assertThat(realm.get("groups").get(0).get("name").asText()).isEqualTo("portal-users");
        assertThat(realm.at("/components/org.keycloak.userprofile.UserProfileProvider/0/config/kc.user.profile.config/0")
                .asText()).contains("\"contact_id\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRealmHasTheApiDemoClientWithTheScopesTheApiReads() throws IOException {
        Map<String, Object> keycloakProfile = new Yaml().load(Files.readString(Path.of(
                "src/main/resources/application-keycloak.yml")));
        Map<String, Object> api = (Map<String, Object>) ((Map<String, Object>) keycloakProfile.get("onboarding")).get("api");
        JsonNode client = client("onboarding-api-client");
        assertThat(client.get("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(client.get("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(client.get("secret").asText()).isNotBlank();
        JsonNode audience = mapper(client, "oidc-audience-mapper");
        assertThat(audience.at("/config/included.custom.audience").asText()).isEqualTo(api.get("audience"));
        JsonNode scopes = mapper(client, "oidc-usermodel-client-role-mapper");
        assertThat(scopes.at("/config/claim.name").asText()).isEqualTo(api.get("scope-claim"));
        assertThat(scopes.at("/config/usermodel.clientRoleMapping.clientId").asText()).isEqualTo("onboarding-api-client");
        List<String> roles = realm.at("/roles/client/onboarding-api-client").findValuesAsText("name");
        List<String> scopeNames = List.of(ApiClients.SCOPE_READ, ApiClients.SCOPE_WRITE, ApiClients.SCOPE_AUDIT);
        assertThat(roles).containsExactlyInAnyOrderElementsOf(scopeNames);
        JsonNode account = null;
        for (JsonNode user : realm.get("users")) {
            if ("onboarding-api-client".equals(user.path("serviceAccountClientId").asText())) {
                account = user;
            }
        }
        assertThat(account).as("the service account of onboarding-api-client").isNotNull();
        assertThat(account.at("/clientRoles/onboarding-api-client").toString()).contains(scopeNames);
        assertThat(api.get("issuer-uri")).isEqualTo("${KEYCLOAK_URL}/realms/${KEYCLOAK_REALM:portal}");
    }

    private static JsonNode mapper(JsonNode client, String type) {
        for (JsonNode mapper : client.get("protocolMappers")) {
            if (mapper.get("protocolMapper").asText().equals(type)) {
                return mapper;
            }
        }
        throw new AssertionError("No " + type + " on " + client.get("clientId").asText());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    private static JsonNode client(String clientId) {
        for (JsonNode client : realm.get("clients")) {
            if (client.get("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("No client " + clientId + " in the realm");
    }

    private static List<String> placeholdersWithoutDefault(String file) throws IOException {
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(Files.readString(Path.of(file)));
        return placeholder.results().map(match -> match.group(1)).distinct().toList();
    }
}
