/**
 * The MongoDB database that holds the read models and the processors' tokens: its timeouts
 * ({@code careerpath.read-models.mongo.*}: a request answers 503 within about a second while MongoDB is away)
 * and its health (part of readiness).
 */
package io.careerpath.query.mongo;
