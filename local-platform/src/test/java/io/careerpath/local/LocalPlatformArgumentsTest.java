package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the launcher reads from its command line. */
class LocalPlatformArgumentsTest {

    @Test
    void portsDefaultToTheDocumentedOnesAndTheSignInServerTakesItsOwnSettings() {
        String[] args = {"--data-dir=/tmp/cp", "--query-port=18081", "--sign-in-port=19000",
                "--careerpath.sign-in.accounts-file=/etc/careerpath/accounts.yml", "--unrelated=x"};

        LocalPlatform.Settings settings = LocalPlatform.Settings.fromArguments(args);

        assertThat(settings).isEqualTo(new LocalPlatform.Settings(Path.of("/tmp/cp"), 8080, 18081, 9092, 9093, 27017, 19000));
        assertThat(LocalPlatform.Settings.fromArguments().signInPort()).isEqualTo(9000);
        assertThat(LocalPlatform.signInArguments(args))
                .isEqualTo(Map.of("careerpath.sign-in.accounts-file", "/etc/careerpath/accounts.yml"));
    }

    @Test
    void theEventStoreIsBackedUpDailyIntoTheDataDirectoryKeepingSevenUnlessToldOtherwise() {
        LocalPlatform.Backups defaults = LocalPlatform.Backups.fromArguments(Path.of("/tmp/cp"));
        assertThat(defaults).isEqualTo(new LocalPlatform.Backups(java.time.Duration.ofHours(24), 7,
                Path.of("/tmp/cp/backups"), null));

        LocalPlatform.Backups given = LocalPlatform.Backups.fromArguments(Path.of("/tmp/cp"), "--backup-every=6h",
                "--backups-kept=28", "--backup-dir=/mnt/backups", "--restore-from=/mnt/backups/event-store-x.zip");
        assertThat(given).isEqualTo(new LocalPlatform.Backups(java.time.Duration.ofHours(6), 28, Path.of("/mnt/backups"),
                Path.of("/mnt/backups/event-store-x.zip")));
        assertThat(LocalPlatform.Backups.fromArguments(Path.of("/tmp/cp"), "--backup-every=0").every()).isZero();
    }
}
