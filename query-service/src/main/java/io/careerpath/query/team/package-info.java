/**
 * Team views: the teams a caller may see, and a team's rotation board (who is due to rotate back to delivery, who
 * is overloaded or on a troubled-program streak), aggregates withheld below the minimum size.
 */
package io.careerpath.query.team;
