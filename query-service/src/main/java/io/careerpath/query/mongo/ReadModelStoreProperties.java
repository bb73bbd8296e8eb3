package io.careerpath.query.mongo;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the query service waits for MongoDB.
 *
 * @param serverSelectionTimeout how long an operation waits for a MongoDB server to be reachable: what a
 *                               request waits while MongoDB is away, before it answers 503
 * @param connectTimeout         how long opening a connection may take
 * @param readTimeout            how long a reply may take once a request was sent: the bound on a request when
 *                               MongoDB's host vanishes without closing its connections (a network partition);
 *                               above the slowest read model operation (a page of a rebuild or integrity check)
 */
@Validated
@ConfigurationProperties("careerpath.read-models.mongo")
record ReadModelStoreProperties(
        @NotNull @DefaultValue("1s") Duration serverSelectionTimeout,
        @NotNull @DefaultValue("1s") Duration connectTimeout,
        @NotNull @DefaultValue("10s") Duration readTimeout) {
}
