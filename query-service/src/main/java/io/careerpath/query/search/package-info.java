/**
 * Finding people by name ({@code GET /api/people?q=}) without a readable name at rest: a blind index of keyed
 * digests of the names' word prefixes, kept current from the projection's queue and opened only to answer.
 */
package io.careerpath.query.search;
