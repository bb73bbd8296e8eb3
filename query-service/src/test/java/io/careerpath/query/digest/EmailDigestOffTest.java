package io.careerpath.query.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.careerpath.query.reminders.RemindersRaised;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Without a mail server configured the digest does not exist: nothing to fail, nothing sent, no health check. With
 * one, it needs a sender address.
 */
class EmailDigestOffTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
            .withUserConfiguration(EmailDigest.class, DigestClaims.class)
            .withPropertyValues("careerpath.reminders.email.from=careerpath@example.com");

    @Test
    void withoutAMailHostThereIsNoDigestAndNoMailSender() {
        context.run(started -> {
            assertThat(started).hasNotFailed()
                    .doesNotHaveBean(EmailDigest.class)
                    .doesNotHaveBean(DigestClaims.class)
                    .doesNotHaveBean(JavaMailSender.class);
            started.publishEvent(new RemindersRaised(LocalDate.parse("2025-06-01"), List.of()));
        });
    }

    @Test
    void aMailHostTurnsTheDigestOn() {
        // the digest's own dependencies are not in this context: that it is attempted is what tells it is on
        context.withPropertyValues("spring.mail.host=127.0.0.1").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).hasStackTraceContaining("EmailDigest");
        });
    }

    @Test
    void aMissingOrMalformedSenderStopsStartUp() {
        for (String from : new String[] {null, "", "careerpath"}) {
            assertThatThrownBy(() -> new EmailDigest(null, null, null, null, null, null, null,
                    new EmailDigestProperties(from), null, null, null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("careerpath.reminders.email.from");
        }
    }
}
