package io.careerpath.query;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The query service's design as rules that fail the build when it erodes: the skill model stays a pure
 * function (no Spring, no MongoDB, no web, no Axon), the query side never reaches into the command side
 * (they meet only through shared-*, the topic and HTTP), and the packages form no cycle.
 */
@AnalyzeClasses(packages = "io.careerpath.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule skillModelIsPure = noClasses()
            .that().resideInAPackage("io.careerpath.query.skillmodel..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "com.mongodb..", "org.bson..", "org.axonframework..",
                    "jakarta.servlet..", "jakarta.validation..", "jakarta.ws..", "java.net.http..")
            .orShould().dependOnClassesThat(resideInAPackage("io.careerpath.query..")
                    .and(not(resideInAPackage("io.careerpath.query.skillmodel.."))))
            .because("the skill model is a pure function of a career history (docs/skill-model.md)");

    @ArchTest
    static final ArchRule queryNeverImportsTheCommandSide = noClasses()
            .that().resideInAPackage("io.careerpath.query..")
            .should().dependOnClassesThat().resideInAPackage("io.careerpath.command..")
            .because("the services meet only through shared-*, the topic and HTTP");

    @ArchTest
    static final ArchRule packagesFormNoCycle = slices()
            .matching("io.careerpath.query.(*)..")
            .should().beFreeOfCycles();
}
