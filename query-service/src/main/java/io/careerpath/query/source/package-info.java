/**
 * The event store, the source of truth, as the read side reaches it: through the command service's internal read
 * paths, upcast and deserialized as any stored event. Repairs and rebuilds read from here, never from the topic.
 */
package io.careerpath.query.source;
