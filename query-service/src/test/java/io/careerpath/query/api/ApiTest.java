package io.careerpath.query.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import io.careerpath.pipeline.deadletters.DeadLetterConfiguration;
import io.careerpath.query.QueryServiceApplication;
import io.careerpath.query.integrity.ReadModelIntegrity;
import io.careerpath.query.rebuild.ReadModelRebuild;
import io.careerpath.query.source.SourceOfTruth;

/**
 * The query API as it runs (controllers, security chain, validation, problem details, the access
 * rules and the read models in an in-process Mongo-wire server through the real driver), without
 * Kafka and Axon. The people's keys come from {@link io.careerpath.query.keys.TestKeys}; the data
 * from {@link ApiFixture}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(properties = {"spring.config.name=" + QueryServiceApplication.CONFIG_NAME,
        // the tests index when they want (NameIndexer.indexPending): no background reads among the commands they count
        "careerpath.search.index-secret=api-test-search-index-secret", "careerpath.search.index-interval=0s",
        // nor background deliveries: the webhook tests send what is due when they want (WebhookDispatcher.sendDue)
        "careerpath.webhooks.poll-interval=0s",
        // nor background polls of the figures for today: derived at start, kept by the writes, the day looked at when the tests want
        "careerpath.today.poll-interval=0s",
        // nor background reads of the accepted plans: the tests that change plans read them again (PlanDrifts.refresh)
        "careerpath.planning.plans-refresh=0s"},
        includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.careerpath\\.query\\."
                + "(api\\.AsOf|access\\..*|search\\..*|webhooks\\..*|keys\\.PersonKeyLookup|skills\\.SkillModelConfiguration"
                + "|team\\.(MemberFigures|AttentionList|TodaysFigures|OffPlan)"
                + "|calendar\\..*|planning\\..*"
                // the reminders without their schedule: the tests run a day when they want
                + "|reminders\\.(?!ReminderSchedule).*"
                + "|history\\.(HistoryReads|ReadModelGenerations|PersonHistoryProjection|ReadModelRepair|ProjectionAnomalies))"))
@Import({ApiTestSetup.class, DeadLetterConfiguration.class})
// the rebuild and the integrity check read the event store through the command service, which is not here:
// only who may use them is tested
@MockitoBean(types = {ReadModelRebuild.class, ReadModelIntegrity.class, SourceOfTruth.class})
public @interface ApiTest {
}
