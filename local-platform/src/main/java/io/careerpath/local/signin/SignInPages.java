package io.careerpath.local.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.View;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in server's pages: the login form, the device grant's confirmation, and their styles. Each is a
 * page of its own (a {@code main} landmark, one {@code h1}, labelled fields) that passes axe-core like the
 * dashboards do; none runs a script.
 */
@RestController
class SignInPages {

    static final String LOGIN = "/login";
    static final String DEVICE_CONSENT = "/device-consent";
    static final String STYLES = "/sign-in.css";

    /**
     * The login form (Spring Security's own page has no {@code main} landmark and no {@code h1}). It posts to
     * Spring Security's login processing with the CSRF token; a refusal comes back as {@code ?error}.
     */
    @GetMapping(value = LOGIN, produces = MediaType.TEXT_HTML_VALUE)
    String login(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        // "?error" comes without a value
        String notice = request.getParameterMap().containsKey("error")
                ? "<p class=\"alert\" id=\"sign-in-refused\" role=\"alert\">That username and password do not match an"
                        + " account. Check both and try again.</p>"
                : "";
        String csrfField = csrf == null ? "" : "<input type=\"hidden\" name=\"%s\" value=\"%s\">"
                .formatted(escape(csrf.getParameterName()), escape(csrf.getToken()));
        return page("Sign in", """
                <h1>Sign in to Careerpath</h1>
                %s
                <form method="post" action="%s">
                  <div class="field">
                    <label for="username">Username</label>
                    <input type="text" id="username" name="username" autocomplete="username" autocapitalize="none"
                           spellcheck="false" required autofocus>
                  </div>
                  <div class="field">
                    <label for="password">Password</label>
                    <input type="password" id="password" name="password" autocomplete="current-password" required>
                  </div>
                  %s
                  <button type="submit">Sign in</button>
                </form>""".formatted(notice, LOGIN, csrfField));
    }

    /** The sign-in server's own styles: its policy allows styles from itself only, and no inline ones. */
    @GetMapping(value = STYLES, produces = "text/css")
    String styles() {
        return """
                body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #f4f5f7; }
                main { max-width: 26rem; margin: 3rem auto; padding: 1.5rem 2rem; background: #fff;
                       border: 1px solid #c4c8cf; border-radius: 8px; }
                h1 { font-size: 1.5rem; margin: 0 0 1rem; }
                .field { margin: 0 0 1rem; }
                label { display: block; font-weight: 600; margin-bottom: .25rem; }
                input[type=text], input[type=password] { box-sizing: border-box; width: 100%; min-height: 44px;
                       padding: .5rem; font: inherit; border: 1px solid #5f6670; border-radius: 4px; }
                button { min-height: 44px; padding: .5rem 1.25rem; font: inherit; font-weight: 600; color: #fff;
                       background: #0b5cad; border: 0; border-radius: 4px; cursor: pointer; }
                input:focus-visible, button:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
                .alert { padding: .75rem; color: #8a1c1c; background: #fdecec; border: 1px solid #8a1c1c; border-radius: 4px; }
                @media (max-width: 30rem) { main { margin: 0; border: 0; border-radius: 0; padding: 1rem; } }
                """;
    }

    /** Browsers ask for an icon on the login page: none, rather than a "not found" in their console. */
    @GetMapping("/favicon.ico")
    ResponseEntity<Void> favicon() {
        return ResponseEntity.noContent().build();
    }

    /**
     * The device grant's confirmation: the signed-in user checks that the code is the one their command line
     * shows, and confirms (the server's own page would ask them to tick each scope first).
     */
    @GetMapping(value = DEVICE_CONSENT, produces = MediaType.TEXT_HTML_VALUE)
    String deviceConsent(@RequestParam("client_id") String clientId, @RequestParam("user_code") String userCode,
                         @RequestParam("state") String state, @RequestParam(value = "scope", defaultValue = "") String scope) {
        String scopes = Arrays.stream(scope.split(" ")).filter(s -> !s.isBlank())
                .map(s -> "<input type=\"hidden\" name=\"scope\" value=\"" + escape(s) + "\">")
                .collect(Collectors.joining("\n      "));
        String body = """
                <h1>Confirm the code</h1>
                  <p>Does your command line show the code <strong id="user-code">%s</strong>? Confirm only if it does:
                  it then acts with your account (%s).</p>
                  <form name="consent_form" method="post" action="/oauth2/device_verification">
                    <input type="hidden" name="client_id" value="%s">
                    <input type="hidden" name="state" value="%s">
                    <input type="hidden" name="user_code" value="%s">
                    %s
                    <button type="submit" id="submit-consent">Confirm</button>
                  </form>""".formatted(escape(userCode), escape(clientId), escape(clientId), escape(state), escape(userCode), scopes);
        return page("Confirm the code", body);
    }

    /**
     * What a browser is shown when a request fails (an unknown client, a wrong address), in place of Spring Boot's
     * "Whitelabel Error Page", which has no language, title or landmarks.
     */
    static View errorPage() {
        return (model, request, response) -> {
            Object status = model.get("status");
            Object error = model.get("error");
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(page("Something went wrong", """
                    <h1>The sign-in server could not do that</h1>
                    <p id="error-status">It answered %s (%s).</p>
                    <p>Go back to the dashboards and sign in from there.</p>""".formatted(
                    escape(String.valueOf(status)), escape(String.valueOf(error)))));
        };
    }

    /** A whole page of the sign-in server around {@code body} (which starts with its {@code h1}). */
    static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Careerpath sign-in</title><link rel="stylesheet" href="%s"></head>
                <body><main>
                %s
                </main></body></html>
                """.formatted(escape(title), STYLES, body);
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value);
    }
}
