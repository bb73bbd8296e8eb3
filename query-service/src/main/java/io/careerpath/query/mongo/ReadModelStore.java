package io.careerpath.query.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The database that holds the read models and the processors' tokens. */
@Configuration(proxyBeanMethods = false)
class ReadModelStore {

    @Bean
    MongoDatabase readModelDatabase(MongoClient client, @Value("${spring.data.mongodb.database}") String database) {
        return client.getDatabase(database);
    }

    /**
     * How long the driver waits for MongoDB ({@code careerpath.read-models.mongo.*}). Its defaults (30 s to find
     * a server, 10 s to connect, no limit on a read) would hold every request for half a minute while MongoDB is
     * away; with these a request answers 503 {@code read-models-unavailable} within about a second. Applied after
     * the connection string, so they win over timeouts given in {@code SPRING_DATA_MONGODB_URI}.
     */
    @Bean
    MongoClientSettingsBuilderCustomizer readModelStoreTimeouts(ReadModelStoreProperties properties) {
        return settings -> settings
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                        properties.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket
                        .connectTimeout(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }
}
