package io.careerpath.security.web;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks signatures with the issuer's published keys, and keeps accepting the keys it has used while their
 * issuer cannot be asked.
 *
 * <p>The decoder caches the issuer's JWK set for five minutes and then fetches it again; if the issuer is away
 * then, every token, even one signed with a key checked a minute before, would fail (503
 * {@code issuer-unavailable}) until it returns. Here, when the set cannot be fetched, a key this selector has
 * already taken from the issuer's set for the same key id and algorithm is used again: tokens already issued
 * keep working through the outage. A key id never seen still fails as unavailable (it may be the issuer's new
 * key; nobody can tell while it is away), and once the issuer answers its current set rules again: a key it no
 * longer publishes is forgotten.
 */
final class LastKnownKeys implements JWSKeySelector<SecurityContext> {

    private final JWSKeySelector<SecurityContext> issuerKeys;
    /** By key id and algorithm: what the issuer's set held for them when last asked. */
    private final Map<String, List<? extends Key>> known = new ConcurrentHashMap<>();

    LastKnownKeys(JWSKeySelector<SecurityContext> issuerKeys) {
        this.issuerKeys = issuerKeys;
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        String id = header.getAlgorithm() + "/" + header.getKeyID();
        List<? extends Key> keys;
        try {
            keys = issuerKeys.selectJWSKeys(header, context);
        } catch (KeySourceException issuerAway) {
            List<? extends Key> lastKnown = known.get(id);
            if (lastKnown != null) {
                return lastKnown;
            }
            throw issuerAway;
        }
        if (keys.isEmpty()) {
            known.remove(id);
        } else {
            known.put(id, List.copyOf(keys));
        }
        return keys;
    }
}
