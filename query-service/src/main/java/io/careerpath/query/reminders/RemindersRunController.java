package io.careerpath.query.reminders;

import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.Forbidden;
import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runs today's reminders on demand (operations, and tests with a settable clock): HR administrators only. */
@RestController
class RemindersRunController {

    private final DailyReminders reminders;
    private final AsOf asOf;

    RemindersRunController(DailyReminders reminders, AsOf asOf) {
        this.reminders = reminders;
        this.asOf = asOf;
    }

    @Operation(summary = "Runs today's reminders unless today has run (on any instance)",
            description = "Answers the day, whether this call ran it, FINISHED or RUNNING_ELSEWHERE (another instance "
                    + "holds the day's claim), and how many reminders the day raised.")
    @PostMapping("/api/admin/reminders/run")
    DailyReminders.Outcome run(@Parameter(hidden = true) Caller caller) {
        if (!caller.mayAdminister()) {
            throw new Forbidden("not-permitted", "Running the reminders is for HR administrators only");
        }
        return reminders.run(asOf.today());
    }
}
