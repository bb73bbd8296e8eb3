package io.careerpath.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The command service's package design, as rules that fail the build when it erodes (main code only).
 * One package per job: {@code person.domain} (the aggregate, its state, rules and commands),
 * {@code person.application} (access and configuration), {@code person.api} (requests, controller, problem
 * mapping), {@code person.audit}, {@code imports}, {@code publishing}, {@code erasure}, {@code personaldata},
 * {@code eventstore}, {@code idempotency}, {@code security} and {@code web}.
 */
@AnalyzeClasses(packages = "io.careerpath.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String DOMAIN = "io.careerpath.command.person.domain..";

    /** The career rules know nothing of HTTP, SQL or how JSON reaches the service. */
    @ArchTest
    static final ArchRule personDomainKnowsNoSpringNoJdbcNoPersistenceNoJson = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(
                    // Spring at all (web, JDBC, transactions, HTTP types): Axon's @Aggregate stereotype is Axon's
                    "org.springframework..", "jakarta.servlet..",
                    "java.sql..", "javax.sql..", "jakarta.persistence..", "org.axonframework.eventsourcing.eventstore.jdbc..",
                    "com.fasterxml.jackson..", "io.swagger..", "jakarta.validation..")
            .because("the person's domain is plain Java with Axon's aggregate annotations: the web, the database"
                    + " and JSON are the other packages' business");

    @ArchTest
    static final ArchRule personDomainDependsOnNoOuterLayer = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.careerpath.command.person.api..", "io.careerpath.command.person.application..",
                    "io.careerpath.command.person.audit..")
            .because("the API and the application use the domain, never the other way round");

    @ArchTest
    static final ArchRule commandServiceNeverUsesTheQueryService = noClasses().should().dependOnClassesThat()
            .resideInAPackage("io.careerpath.query..")
            .because("the services share only shared-events, shared-pipeline and shared-security");

    @ArchTest
    static final ArchRule noCyclesBetweenFeatures = slices().matching("io.careerpath.command.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCyclesInsideThePersonFeature = slices().matching("io.careerpath.command.person.(*)..")
            .should().beFreeOfCycles();
}
