/** People's keys and the sealing of personal data in events. */
package io.careerpath.command.personaldata;
