package io.careerpath.query.access;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat refuses an encoded slash (`%2F`, path traversal in an id) with a bare HTML 400 before any
 * application code runs. Passed through, it reaches Spring Security's firewall instead, which refuses
 * it as well, with problem details like every other refusal (type `rejected-request`).
 */
@Component
class EncodedSlashesToTheFirewall implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
    }
}
