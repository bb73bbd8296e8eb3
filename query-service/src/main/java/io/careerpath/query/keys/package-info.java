/**
 * The people's keys, fetched from the command service's key path with this service's own token and held in memory
 * for a bounded time ({@link io.careerpath.query.keys.PersonKeyLookup}); an erasure wins over every fetch in flight
 * (docs/security.md). Also the client of the command service's internal API.
 */
package io.careerpath.query.keys;
