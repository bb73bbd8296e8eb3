package io.careerpath.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * shared-events is the published language and nothing else: records both services read, depending on
 * neither service, on no other shared module and on no Spring (Axon only for {@code @Revision}).
 */
@AnalyzeClasses(packages = "io.careerpath.events", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule eventsDependOnNoServiceAndNoSharedPlumbing = noClasses()
            .that().resideInAPackage("io.careerpath.events..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.careerpath.command..", "io.careerpath.query..",
                    "io.careerpath.pipeline..", "io.careerpath.security..")
            .because("the events are the published language both services depend on, not the other way round");

    @ArchTest
    static final ArchRule eventsDependOnNoSpring = noClasses()
            .that().resideInAPackage("io.careerpath.events..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .because("the published language carries no framework beyond the annotations it needs");
}
