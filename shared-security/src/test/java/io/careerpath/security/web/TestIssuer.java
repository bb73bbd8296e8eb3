package io.careerpath.security.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A token issuer for the services' token-check tests (a test-jar of this module): an RSA key whose
 * public half is served as a JWK set on 127.0.0.1, and tokens signed with it or with any other key.
 * The claims are each test's own; only the signing and the key publishing are shared.
 */
public final class TestIssuer implements AutoCloseable {

    private final RSAKey signingKey;
    private final HttpServer jwks;

    private TestIssuer(RSAKey signingKey, HttpServer jwks) {
        this.signingKey = signingKey;
        this.jwks = jwks;
    }

    /** Publishes the public half of {@code signingKey} (only that key) at {@link #jwkSetUri()}. */
    public static TestIssuer publishing(RSAKey signingKey) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return new TestIssuer(signingKey, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new 2048-bit RSA key with this key id. */
    public static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT with these claims, signed (RS256) with {@code key}, which need not be the published one. */
    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT with these claims, signed with the published key. */
    public String sign(JWTClaimsSet claims) {
        return sign(signingKey, claims);
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks";
    }

    @Override
    public void close() {
        jwks.stop(0);
    }
}
