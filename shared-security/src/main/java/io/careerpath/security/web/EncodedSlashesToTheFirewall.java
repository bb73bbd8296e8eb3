package io.careerpath.security.web;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Tomcat refuses an encoded slash ({@code %2F}, path traversal in an id) with a bare HTML 400 before any
 * application code runs. Passed through, it reaches Spring Security's firewall instead, which refuses it
 * as well, with problem details like every other refusal ({@link SecurityProblems}, {@code rejected-request}).
 */
public final class EncodedSlashesToTheFirewall implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
    }
}
