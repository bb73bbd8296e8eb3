package io.careerpath.query.keys;

import io.careerpath.security.PersonalData;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Keys from the command service's {@code POST /internal/person-keys}. The {@link RestClient} given
 * here carries this service's own client-credentials token (see {@link PersonKeysConfiguration}).
 * Keys are never logged and never written anywhere.
 */
class CommandServiceKeys implements KeyFetcher {

    static final String PATH = "/internal/person-keys";

    private final RestClient client;

    CommandServiceKeys(RestClient client) {
        this.client = client;
    }

    record KeysRequest(List<String> personIds) {
    }

    record KeysResponse(Map<String, String> keys) {
    }

    @Override
    public Map<String, byte[]> fetch(List<String> personIds) {
        if (personIds.size() > MAX_PEOPLE_PER_REQUEST) {
            throw new IllegalArgumentException("At most " + MAX_PEOPLE_PER_REQUEST + " people per request");
        }
        KeysResponse response;
        try {
            response = client.post().uri(PATH).contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                    .body(new KeysRequest(personIds)).retrieve().body(KeysResponse.class);
        } catch (RestClientException | OAuth2AuthorizationException e) {
            throw new KeysUnavailable("The command service did not give the people's keys: " + e.getMessage(), e);
        }
        Map<String, byte[]> keys = new HashMap<>();
        if (response == null || response.keys() == null) {
            return keys;
        }
        Set<String> asked = new HashSet<>(personIds);
        response.keys().forEach((personId, encoded) -> {
            if (asked.contains(personId) && encoded != null) {
                keys.put(personId, decode(encoded));
            }
        });
        return keys;
    }

    /** Something that is not a key is a fault of the key path, not an erasure: never treated as "no key". */
    private static byte[] decode(String encoded) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new KeysUnavailable("The command service answered a key that is not base64", null);
        }
        if (key.length != PersonalData.KEY_BYTES) {
            throw new KeysUnavailable("The command service answered a key of " + key.length + " bytes", null);
        }
        return key;
    }
}
