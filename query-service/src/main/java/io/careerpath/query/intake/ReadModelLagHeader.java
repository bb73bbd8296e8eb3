package io.careerpath.query.intake;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalLong;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every answer of the query API says how stale the read models behind it may be:
 * {@value #HEADER}{@code : <seconds>} ({@link ReadModelStaleness}; 0 when they held everything published a
 * second ago). Absent only until the service has first seen the projection catch up with the topic. While Kafka
 * is away the service keeps answering, and the number grows with the outage.
 */
class ReadModelLagHeader extends OncePerRequestFilter {

    static final String HEADER = "Careerpath-Read-Model-Lag";

    private final ReadModelStaleness staleness;

    ReadModelLagHeader(ReadModelStaleness staleness) {
        this.staleness = staleness;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        OptionalLong lag = staleness.lagSeconds();
        if (lag.isPresent()) {
            response.setHeader(HEADER, String.valueOf(lag.getAsLong()));
        }
        chain.doFilter(request, response);
    }
}
