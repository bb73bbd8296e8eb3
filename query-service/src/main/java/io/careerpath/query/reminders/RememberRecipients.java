package io.careerpath.query.reminders;

import io.careerpath.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Keeps {@link Recipients} up to date from the API requests of people's accounts: after a request that succeeded,
 * the account its token speaks for is remembered, at most once per {@link #REFRESH_EVERY} per account (a page sends several
 * requests at once). A client's own token (the query service's key client, scope {@value Caller#KEYS_SCOPE}) is no
 * person's account and is not remembered.
 */
@Configuration(proxyBeanMethods = false)
class RememberRecipients implements WebMvcConfigurer, HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(RememberRecipients.class);
    static final Duration REFRESH_EVERY = Duration.ofMinutes(5);

    private final Recipients recipients;
    private final Clock clock;
    /** When each account was last remembered by this instance: one entry per account that signed in. */
    private final Map<String, Instant> remembered = new ConcurrentHashMap<>();

    RememberRecipients(Recipients recipients, Clock clock) {
        this.recipients = recipients;
        this.clock = clock;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    /** After a request that succeeded: a refused one (bad input, say) must not reach MongoDB at all. */
    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception failure) {
        if (failure != null || response.getStatus() >= 400) {
            return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt token && isPersonsAccount(token)) {
            Instant now = clock.instant();
            Instant last = remembered.get(token.getSubject());
            if (last == null || !now.isBefore(last.plus(REFRESH_EVERY)) || now.isBefore(last)) {
                remembered.put(token.getSubject(), now);
                try {
                    recipients.remember(token);
                } catch (RuntimeException e) {
                    // the request itself does not depend on it: the next one tries again
                    remembered.remove(token.getSubject());
                    log.warn("Could not remember the account {}: {}", token.getSubject(), e.toString());
                }
            }
        }
    }

    private static boolean isPersonsAccount(Jwt token) {
        String scope = token.getClaimAsString("scope");
        return scope == null || !scope.contains(Caller.KEYS_SCOPE);
    }
}
