package io.careerpath.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The permission table ({@link PermissionTableChecks}) with tokens of the single-machine sign-in server. */
class PermissionTableEndToEndTest extends PermissionTableChecks {

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass();

    @BeforeAll
    static void start() {
        startWithPeopleInEveryRelation(platformPerClass.get());
    }
}
