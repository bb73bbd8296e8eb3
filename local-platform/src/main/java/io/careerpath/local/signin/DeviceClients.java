package io.careerpath.local.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2DeviceAuthorizationRequestAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;

/**
 * The device authorization grant for a public client (the command line, {@value SignInServer#CLI_CLIENT_ID}):
 * Spring Authorization Server authenticates public clients only for PKCE code exchanges, so the device
 * authorization request and the device-code token request get a converter and a provider of their own
 * (after the project's own device-grant sample). Only requests of that grant are touched: a PKCE
 * exchange still goes through the server's own public-client authentication, code verifier and all.
 */
final class DeviceClients {

    /** Marks the client authentications this class made, so its provider never takes anyone else's. */
    private static final String DEVICE_GRANT = "careerpath_device_grant";

    private DeviceClients() {
    }

    static AuthenticationConverter converter(String deviceAuthorizationEndpoint, String tokenEndpoint) {
        RequestMatcher authorizationRequest = PathPatternRequestMatcher.withDefaults()
                .matcher(HttpMethod.POST, deviceAuthorizationEndpoint);
        RequestMatcher tokenRequest = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, tokenEndpoint);
        return request -> {
            boolean deviceToken = tokenRequest.matches(request) && AuthorizationGrantType.DEVICE_CODE.getValue()
                    .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
            if (!deviceToken && !authorizationRequest.matches(request)) {
                return null;
            }
            if (request.getHeader("Authorization") != null || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null) {
                return null; // a confidential client: the server's own client authentication
            }
            String clientId = singleParameter(request, OAuth2ParameterNames.CLIENT_ID);
            return new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.NONE, null,
                    Map.of(DEVICE_GRANT, true));
        };
    }

    static AuthenticationProvider provider(RegisteredClientRepository clients) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) authentication;
                if (!ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod())
                        || !Boolean.TRUE.equals(client.getAdditionalParameters().get(DEVICE_GRANT))) {
                    return null;
                }
                RegisteredClient registered = clients.findByClientId(String.valueOf(client.getPrincipal()));
                if (registered == null
                        || !registered.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                        || !registered.getAuthorizationGrantTypes().contains(AuthorizationGrantType.DEVICE_CODE)) {
                    throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
                }
                return new OAuth2ClientAuthenticationToken(registered, ClientAuthenticationMethod.NONE, null);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    /**
     * Spring Authorization Server offers no OpenID Connect on the device grant and refuses the scope
     * {@code openid} there; Keycloak accepts it. Asked for here, it stands for {@code profile} (no ID token;
     * the access token is the same), so that one command-line recipe works against both. A consent needs
     * at least one scope, so no scope at all means {@code profile} too.
     */
    static AuthenticationConverter requestWithoutOpenIdScope() {
        AuthenticationConverter standard = new OAuth2DeviceAuthorizationRequestAuthenticationConverter();
        return request -> {
            Authentication converted = standard.convert(request);
            if (converted instanceof OAuth2DeviceAuthorizationRequestAuthenticationToken token
                    && (token.getScopes().isEmpty() || token.getScopes().contains(OidcScopes.OPENID))) {
                Set<String> scopes = new LinkedHashSet<>(token.getScopes());
                scopes.remove(OidcScopes.OPENID);
                scopes.add(OidcScopes.PROFILE);
                return new OAuth2DeviceAuthorizationRequestAuthenticationToken((Authentication) token.getPrincipal(),
                        token.getAuthorizationUri(), scopes, token.getAdditionalParameters());
            }
            return converted;
        };
    }

    /** What the browser shows once the code is confirmed: the command line fetches its token now. */
    static AuthenticationSuccessHandler verifiedPage() {
        return (request, response, authentication) -> {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(SignInPages.page("Signed in", """
                    <h1>Signed in</h1>
                    <p id="device-verified">The command line may now fetch its token. You can close this window.</p>"""));
        };
    }

    private static String singleParameter(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values == null || values.length != 1 || !StringUtils.hasText(values[0])) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
        }
        return values[0];
    }
}
