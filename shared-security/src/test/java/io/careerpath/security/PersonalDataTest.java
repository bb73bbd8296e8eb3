package io.careerpath.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

    private static final String PERSON = "0b9f4c3e-8a51-4c8e-9f7a-2d5b1c6e7f80";
    private static final String OTHER = "1c9f4c3e-8a51-4c8e-9f7a-2d5b1c6e7f80";

    @Test
    void a_sealed_value_opens_with_the_key_and_shows_nothing_of_the_plaintext() {
        byte[] key = PersonalData.newKey();
        String sealed = PersonalData.seal(key, PERSON, "Ada Lovelace");

        assertThat(sealed).startsWith(PersonalData.PREFIX).doesNotContain("Ada").doesNotContain("Lovelace");
        assertThat(new String(Base64.getDecoder().decode(sealed.substring(PersonalData.PREFIX.length())),
                StandardCharsets.ISO_8859_1)).doesNotContain("Ada");
        assertThat(PersonalData.open(key, PERSON, sealed)).isEqualTo("Ada Lovelace");
    }

    @Test
    void each_sealing_uses_a_fresh_nonce() {
        byte[] key = PersonalData.newKey();
        assertThat(PersonalData.seal(key, PERSON, "same")).isNotEqualTo(PersonalData.seal(key, PERSON, "same"));
    }

    @Test
    void without_the_key_a_sealed_value_is_gone() {
        String sealed = PersonalData.seal(PersonalData.newKey(), PERSON, "Ada");
        assertThat(PersonalData.open(null, PERSON, sealed)).isNull();
    }

    @Test
    void another_key_another_person_or_an_altered_value_do_not_open() {
        byte[] key = PersonalData.newKey();
        String sealed = PersonalData.seal(key, PERSON, "Ada");
        assertThatThrownBy(() -> PersonalData.open(PersonalData.newKey(), PERSON, sealed))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PersonalData.open(key, OTHER, sealed)).isInstanceOf(IllegalArgumentException.class);
        // a character in the middle: all six of its bits count (the last ones may carry padding bits only)
        int at = PersonalData.PREFIX.length() + 20;
        String altered = sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A') + sealed.substring(at + 1);
        assertThatThrownBy(() -> PersonalData.open(key, PERSON, altered)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void values_stored_before_sealing_existed_and_null_pass_through() {
        byte[] key = PersonalData.newKey();
        assertThat(PersonalData.open(key, PERSON, "Billing migration")).isEqualTo("Billing migration");
        assertThat(PersonalData.seal(key, PERSON, null)).isNull();
        assertThat(PersonalData.open(null, PERSON, null)).isNull();
    }
}
