package io.careerpath.query.digest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The email digest ({@code careerpath.reminders.email.*}); the SMTP server itself is {@code spring.mail.*}. Checked
 * only when the digest is on ({@link EmailDigest}): with no mail server configured nothing here is needed.
 *
 * @param from         the sender address, e.g. {@code Careerpath <careerpath@example.com>}; required with a mail server
 * @param dashboardUrl the dashboards' base URL as the recipients' browsers reach it (this service's public address):
 *                     the links in the email start with it
 */
@ConfigurationProperties("careerpath.reminders.email")
record EmailDigestProperties(String from) {
}
