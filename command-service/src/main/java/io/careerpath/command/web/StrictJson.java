package io.careerpath.command.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The web layer's JSON is strict (see {@code spring.jackson} in command-service.yml): what a client
 * sends is taken as typed or refused, never guessed. One rule cannot be said in properties: Jackson
 * turns a number or a boolean into text ({@code "projectName": 42} becomes {@code "42"}), whatever
 * {@code allow-coercion-of-scalars} says. This mapper refuses it. Axon's mapper (AxonSerialization) is
 * a different one, and stays tolerant.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer noScalarsAsText() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
