package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signing in to the dashboards through Keycloak's own login page in a real browser (Debian's chromium, headless):
 * the dashboards' authorization-code flow with PKCE against the real Keycloak with the compose realm
 * ({@link KeycloakServer}), the dashboards' address registered with the realm's dashboards' client as an operator
 * would, and the pages then call both services with Keycloak's token.
 */
class KeycloakDashboardBrowserTest {

    @RegisterExtension
    @Order(1)
    static final DashboardBrowser.PerClass browserPerClass = DashboardBrowser.perClass();
    @RegisterExtension
    @Order(2)
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass(RunningPlatform::startOnKeycloak);

    @Test
    void theHrAdministratorSignsInOnKeycloaksLoginPageAndTheDashboardsShowTheirData() {
        RunningPlatform platform = platformPerClass.get();
        DashboardBrowser browser = browserPerClass.get();
        KeycloakServer keycloak = KeycloakServer.get();
        String origin = platform.dashboardUrl().replaceAll("/+$", "");
        keycloak.allowDashboard(origin);
        String person = platform.client.register("Kim Keycloak", "team-gemini", "2020-01-01");
        platform.client.awaitTimeline(person, timeline -> true);

        browser.driver.get(origin + "/index.html");
        await("Keycloak's login page").atMost(Duration.ofSeconds(30))
                .until(() -> browser.driver.getCurrentUrl().startsWith(keycloak.issuer()) && !browser.findAll("#kc-form-login").isEmpty());
        browser.submitLoginForm("hana", "hana-demo");
        await("back on the dashboards, signed in").atMost(Duration.ofSeconds(30))
                .until(() -> browser.driver.getCurrentUrl().startsWith(origin + "/")
                        && !browser.driver.getCurrentUrl().contains("/signed-in.html")
                        && !browser.findAll("#account-name").isEmpty());
        assertThat(browser.find("#account-name").getText()).contains("Hana");
        assertThat(SignIn.claims(browser.accessToken()).get("iss").asText()).isEqualTo(keycloak.issuer());

        // a page that reads the query service with that token: the person's career, sealed name opened
        browser.driver.get(origin + "/career.html?person=" + person);
        await("the career page with the person's name").atMost(Duration.ofSeconds(30))
                .until(() -> browser.driver.findElement(org.openqa.selenium.By.tagName("body")).getText().contains("Kim Keycloak"));
    }
}
