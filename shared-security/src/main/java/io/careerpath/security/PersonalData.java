package io.careerpath.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sealing of personal data inside events with the person's own key, so that destroying the key
 * erases the data wherever copies of the events went (docs/security.md, crypto-shredding).
 *
 * <p>AES-256-GCM with a fresh 96-bit nonce per value; the person id is the associated data, so a
 * value sealed for one person does not open under another's id. A sealed value reads
 * {@value #PREFIX}{@code <base64(nonce | ciphertext | tag)>}. Values without the prefix were stored
 * before sealing existed and are returned as they are.
 */
public final class PersonalData {

    public static final String PREFIX = "sealed:v1:";
    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One cipher per thread, initialised afresh (key, nonce, associated data) for every value: looking the
     * transformation up among the security providers for each value cost the bulk import a share of its sealing.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    });

    private PersonalData() {
    }

    /** A new random key for a person. */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** Seals {@code plaintext} (null stays null) for the person. */
    public static String seal(byte[] key, String personId, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, personId, nonce);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal personal data", e);
        }
    }

    /**
     * Opens a value sealed for the person. A value that is not sealed is returned as it is; a sealed
     * value with no key (the person was erased) gives null.
     *
     * @throws IllegalArgumentException if the value was sealed with another key or for another person,
     *                                  or was altered
     */
    public static String open(byte[] key, String personId, String value) {
        if (!isSealed(value)) {
            return value;
        }
        if (key == null) {
            return null;
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a sealed value", e);
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("Not a sealed value");
        }
        byte[] nonce = java.util.Arrays.copyOf(in, NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, personId, nonce);
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The value does not open with this person's key", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, String personId, byte[] nonce) throws GeneralSecurityException {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("A person's key is " + KEY_BYTES + " bytes");
        }
        Cipher cipher = CIPHERS.get();
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(personId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
