package io.careerpath.local.signin;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** What a browser asks the sign-in server for besides the login form. */
@RestController
class SignInPages {

    static final String DEVICE_CONSENT = "/device-consent";

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
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Careerpath sign-in: confirm the code</title></head>
                <body><main>
                  <h1>Confirm the code</h1>
                  <p>Does your command line show the code <strong id="user-code">%s</strong>? Confirm only if it does:
                  it then acts with your account (%s).</p>
                  <form name="consent_form" method="post" action="/oauth2/device_verification">
                    <input type="hidden" name="client_id" value="%s">
                    <input type="hidden" name="state" value="%s">
                    <input type="hidden" name="user_code" value="%s">
                    %s
                    <button type="submit" id="submit-consent">Confirm</button>
                  </form>
                </main></body></html>
                """.formatted(escape(userCode), escape(clientId), escape(clientId), escape(state), escape(userCode), scopes);
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value);
    }
}
