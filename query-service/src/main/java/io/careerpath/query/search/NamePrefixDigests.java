package io.careerpath.query.search;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The blind index's digests (as CipherSweet's blind indexes): HMAC-SHA256 of a normalised name prefix under the
 * service's index secret, cut to 128 bits. Equal prefixes give equal digests, so a query finds people without
 * a name being readable in MongoDB; without the secret a digest cannot be told from random, nor tried against
 * a list of names. Matches are checked again on the opened names, so a collision can never show a wrong person.
 */
@Component
@EnableConfigurationProperties(SearchProperties.class)
class NamePrefixDigests {

    private static final Logger log = LoggerFactory.getLogger(NamePrefixDigests.class);
    private static final String ALGORITHM = "HmacSHA256";
    /** Separates these digests from any other use of the same secret; a new rule for prefixes gets a new version. */
    private static final String CONTEXT = "careerpath-name-prefix/v1\n";
    private static final int BYTES = 16;

    private final SecretKeySpec key;

    NamePrefixDigests(SearchProperties properties) {
        this.key = properties.enabled()
                ? new SecretKeySpec(properties.indexSecret().getBytes(StandardCharsets.UTF_8), ALGORITHM)
                : null;
        if (key == null) {
            log.warn("The search index secret is not set (CAREERPATH_SEARCH_INDEX_SECRET): searching people by name "
                    + "answers 503 and nobody is indexed");
        }
    }

    boolean available() {
        return key != null;
    }

    /** The digest of a normalised prefix (see {@link NameWords}), as stored. */
    String of(String prefix) {
        if (key == null) {
            throw new IllegalStateException("No search index secret");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal((CONTEXT + prefix).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
