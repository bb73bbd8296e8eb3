/**
 * Who may see what: the security chain of the API (signed in, docs/security.md) and
 * {@link io.careerpath.query.access.PeopleAccess}, through which every answer about a person goes (current team
 * decides, personal data opened with the person's key, the unknown and the hidden answered alike).
 */
package io.careerpath.query.access;
