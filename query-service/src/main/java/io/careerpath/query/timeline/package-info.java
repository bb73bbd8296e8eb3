/**
 * A person's career timeline: their assignments and events as of a day, as the dashboards draw it.
 */
package io.careerpath.query.timeline;
