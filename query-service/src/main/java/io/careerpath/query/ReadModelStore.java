package io.careerpath.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The database that holds the read models and the processors' tokens. */
@Configuration(proxyBeanMethods = false)
class ReadModelStore {

    @Bean
    MongoDatabase readModelDatabase(MongoClient client, @Value("${spring.data.mongodb.database}") String database) {
        return client.getDatabase(database);
    }
}
