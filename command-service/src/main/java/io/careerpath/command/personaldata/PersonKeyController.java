package io.careerpath.command.personaldata;

import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The key path (docs/security.md): the query service opens sealed values with keys it fetches here,
 * and never stores. Only its own client may call (scope {@value Caller#KEYS_SCOPE}, enforced by the
 * security configuration); unknown and erased people are left out of the answer.
 */
@RestController
class PersonKeyController {

    static final int MAX_PEOPLE = 500;

    record KeysRequest(
            @NotNull @Size(min = 1, max = MAX_PEOPLE) @Schema(description = "1 to 500 person ids")
            List<@NotNull @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
                    message = "must be a UUID") String> personIds) {
    }

    /** @param keys person id → the person's key, base64 */
    record Keys(Map<String, String> keys) {
    }

    private final PersonKeyTable personKeys;

    PersonKeyController(PersonKeyTable personKeys) {
        this.personKeys = personKeys;
    }

    @Operation(summary = "Person keys, for the query service only (scope careerpath.keys)",
            description = "Answers the keys of the people named who are registered and not erased.")
    @PostMapping("/internal/person-keys")
    ResponseEntity<Keys> keys(@Valid @RequestBody KeysRequest request) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        request.personIds().forEach(id -> ids.add(id.toLowerCase(Locale.ROOT)));
        Map<String, String> keys = new TreeMap<>();
        personKeys.findAll(ids).forEach((id, key) -> keys.put(id, Base64.getEncoder().encodeToString(key)));
        // keys are never to be kept by a cache between here and the query service
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Keys(keys));
    }
}
