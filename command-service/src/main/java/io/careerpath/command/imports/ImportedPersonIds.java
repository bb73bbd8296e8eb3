package io.careerpath.command.imports;

import io.careerpath.command.eventstore.StoredEvents;
import io.careerpath.command.personaldata.InstallationKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Which person a bulk import's {@code personRef} (an HR reference, such as an employee number) names
 * (docs/bulk-import.md, docs/security.md): the same person in every file and every run, through an id that
 * nobody can compute from the reference without this installation's secret.
 *
 * <p>The id is an HMAC-SHA256 of the reference under the installation's key {@value #KEY_NAME}
 * ({@link InstallationKeys}), its first 16 bytes as a name-based UUID of version 8 (RFC 9562, B.2). Imports
 * before ids were keyed gave {@link #legacyId name-based ids of version 3} that anyone can compute; a person recorded
 * under such an id keeps it (it is the identifier of every event stored for them, on the topic and in the read
 * models too), and a reference whose legacy id has events in the store names that person.
 */
@Component
public class ImportedPersonIds {

    static final String KEY_NAME = "imported-person-ids";
    private static final String HMAC = "HmacSHA256";
    private static final String LEGACY_NAMESPACE = "careerpath-person/";
    private static final String NAMESPACE = "careerpath-person/v2\n";
    /** Legacy ids looked up per query. */
    private static final int LOOKUP_CHUNK = 500;

    private final SecretKeySpec key;
    private final StoredEvents storedEvents;

    ImportedPersonIds(InstallationKeys installationKeys, StoredEvents storedEvents) {
        // created at the first start, not at the first import: a backup taken before any import already holds it
        this.key = new SecretKeySpec(installationKeys.key(KEY_NAME), HMAC);
        this.storedEvents = storedEvents;
    }

    /** The person the reference names. */
    public String personId(String personRef) {
        return personIds(List.of(personRef)).get(personRef);
    }

    /** The person each reference names, by reference. */
    public Map<String, String> personIds(Collection<String> personRefs) {
        Map<String, String> legacyIds = new HashMap<>();
        for (String personRef : new LinkedHashSet<>(personRefs)) {
            legacyIds.put(personRef, legacyId(personRef));
        }
        Set<String> recordedUnderLegacyIds = recorded(legacyIds.values());
        Map<String, String> ids = new HashMap<>();
        legacyIds.forEach((personRef, legacyId) -> ids.put(personRef,
                recordedUnderLegacyIds.contains(legacyId) ? legacyId : keyedId(personRef)));
        return ids;
    }

    /**
     * The id imports gave a reference before ids were keyed: a name-based UUID (version 3) anyone holding the
     * reference can compute. Still found by a re-run, so that it reaches the people recorded under it.
     */
    public static String legacyId(String personRef) {
        return UUID.nameUUIDFromBytes((LEGACY_NAMESPACE + personRef).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private String keyedId(String personRef) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            hash = mac.doFinal((NAMESPACE + personRef).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive an imported person's id", e);
        }
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x80); // version 8
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // the RFC's variant
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong()).toString();
    }

    /** Which of these ids have events in the store. */
    private Set<String> recorded(Collection<String> personIds) {
        Set<String> recorded = new HashSet<>();
        List<String> ids = new ArrayList<>(personIds);
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            recorded.addAll(storedEvents.withEvents(ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK))));
        }
        return recorded;
    }
}
