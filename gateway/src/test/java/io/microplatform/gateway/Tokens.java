package io.microplatform.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Bearer tokens as a client would present them, signed like {@code ./platform token} does. */
public final class Tokens {

    /** The local mode's development secret (gateway's application.yml), which the tests run with. */
    public static final String DEVELOPMENT_SECRET = "microplatform-local-development-secret-not-for-deployment";

    private Tokens() {
    }

    public static String user(String userId, String... roles) {
        return signed(DEVELOPMENT_SECRET, userId, Instant.now().plus(Duration.ofHours(1)), roles);
    }

    public static String expired(String userId) {
        return signed(DEVELOPMENT_SECRET, userId, Instant.now().minus(Duration.ofHours(1)));
    }

    public static String signedWith(String secret, String userId) {
        return signed(secret, userId, Instant.now().plus(Duration.ofHours(1)));
    }

    private static String signed(String secret, String userId, Instant expiresAt, String... roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .issueTime(new Date())
                .expirationTime(Date.from(expiresAt))
                .claim("roles", List.of(roles))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }
}
