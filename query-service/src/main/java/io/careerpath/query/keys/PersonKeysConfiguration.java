package io.careerpath.query.keys;

import java.net.http.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * The key path's HTTP client: every request to the command service carries this service's own
 * access token, obtained with the client-credentials grant (registration
 * {@code careerpath.person-keys.client-registration-id}, scope {@code careerpath.keys}) and renewed
 * by Spring Security before it expires. The token belongs to this service, not to whoever's request
 * is being answered, so it is held under one fixed principal rather than the caller's.
 */
@Configuration(proxyBeanMethods = false)
public class PersonKeysConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PersonKeysConfiguration.class);
    /** Whose token it is: this service itself. */
    private static final Authentication THIS_SERVICE = new AnonymousAuthenticationToken("careerpath-query",
            "careerpath-query", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

    /** The bean name of the command service's internal API client (keys, and the event store's read paths). */
    public static final String INTERNAL_API = "commandServiceInternalApi";

    @Bean
    KeyFetcher commandServiceKeys(@Qualifier(INTERNAL_API) RestClient internalApi) {
        return new CommandServiceKeys(internalApi);
    }

    /**
     * The command service's internal paths ({@code /internal/**}) with this service's own token: the key
     * path, and the event store's read paths that the read side repairs and rebuilds from.
     */
    @Bean(INTERNAL_API)
    RestClient commandServiceInternalApi(ClientRegistrationRepository registrations, PersonKeysProperties properties,
                                         RestClient.Builder builder) {
        ClientRegistration registration = registrations.findByRegistrationId(properties.clientRegistrationId());
        if (registration == null) {
            throw new IllegalStateException("No OAuth2 client registration '" + properties.clientRegistrationId()
                    + "' (spring.security.oauth2.client.registration.*) for the key path");
        }
        if (!StringUtils.hasText(registration.getClientSecret())) {
            // the service still starts (health, dashboards), but no personal data can be shown until it is set
            LOG.warn("The key path's client secret is not set (CAREERPATH_QUERY_CLIENT_SECRET): people's keys "
                    + "cannot be fetched, and every answer with personal data will be 503");
        }
        // bounded waits for both the issuer and the command service: a request that needs keys must not hang
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.timeout()).build());
        requests.setReadTimeout(properties.timeout());
        InMemoryOAuth2AuthorizedClientService tokens = new InMemoryOAuth2AuthorizedClientService(registrations);
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, tokens);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(grant -> grant.accessTokenResponseClient(tokenEndpoint(requests))).build());
        OAuth2ClientHttpRequestInterceptor withToken = interceptor(manager, properties.clientRegistrationId());
        // a token the command service refuses (revoked, keys rotated) is dropped, so the next request gets a new one
        withToken.setAuthorizationFailureHandler(OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(tokens));
        return builder.clone()
                .baseUrl(properties.url().replaceAll("/+$", ""))
                .requestFactory(requests)
                .requestInterceptors(interceptors -> interceptors.add(withToken))
                .build();
    }

    /** Spring Security's token client, as it builds it by default, but with the timeouts above. */
    private static RestClientClientCredentialsTokenResponseClient tokenEndpoint(JdkClientHttpRequestFactory requests) {
        RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
        client.setRestClient(RestClient.builder()
                .requestFactory(requests)
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        return client;
    }

    private static OAuth2ClientHttpRequestInterceptor interceptor(OAuth2AuthorizedClientManager manager,
                                                                  String registrationId) {
        OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> registrationId);
        interceptor.setPrincipalResolver(request -> THIS_SERVICE);
        return interceptor;
    }
}
