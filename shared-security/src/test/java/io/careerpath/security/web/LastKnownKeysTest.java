package io.careerpath.security.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The key selection behind both services' token checks when the issuer's JWK set cannot be fetched (the
 * decoder's cache of it expired during an outage of the sign-in server).
 */
class LastKnownKeysTest {

    private static final RSAKey CURRENT = TestIssuer.newKey("current");
    private static final RSAKey NEXT = TestIssuer.newKey("next");

    /** The issuer's key endpoint: publishes a set, or cannot be reached. */
    private static final class Issuer implements JWKSource<SecurityContext> {
        volatile JWKSet published = new JWKSet(CURRENT.toPublicJWK());
        volatile boolean away;

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            if (away) {
                throw new RemoteKeySourceException("Couldn't retrieve remote JWK set: Connection refused", null);
            }
            return selector.select(published);
        }
    }

    private final Issuer issuer = new Issuer();
    private final LastKnownKeys keys = new LastKnownKeys(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, issuer));

    private static JWSHeader signedWith(RSAKey key) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build();
    }

    @Test
    void aKeyAlreadyTakenFromTheIssuerStillChecksTokensWhileTheIssuerCannotBeAsked() throws Exception {
        assertThat(keys.selectJWSKeys(signedWith(CURRENT), null)).hasSize(1);

        issuer.away = true;

        assertThat(keys.selectJWSKeys(signedWith(CURRENT), null)).singleElement()
                .isEqualTo(CURRENT.toRSAPublicKey());
    }

    @Test
    void aKeyNeverSeenIsUnavailableWhileTheIssuerIsAwayAndUnknownOnceItAnswers() throws Exception {
        keys.selectJWSKeys(signedWith(CURRENT), null);
        issuer.away = true;

        // it may be the issuer's new key: nobody can tell now (answered 503 issuer-unavailable, not 401)
        assertThatThrownBy(() -> keys.selectJWSKeys(signedWith(NEXT), null)).isInstanceOf(KeySourceException.class);

        issuer.away = false;
        assertThat(keys.selectJWSKeys(signedWith(NEXT), null)).as("not published: a bad signature (401)").isEmpty();
    }

    @Test
    void aKeyTheIssuerNoLongerPublishesIsForgotten() throws Exception {
        keys.selectJWSKeys(signedWith(CURRENT), null);
        issuer.published = new JWKSet(NEXT.toPublicJWK());
        assertThat(keys.selectJWSKeys(signedWith(CURRENT), null)).isEmpty();

        issuer.away = true;

        assertThatThrownBy(() -> keys.selectJWSKeys(signedWith(CURRENT), null)).isInstanceOf(KeySourceException.class);
    }
}
