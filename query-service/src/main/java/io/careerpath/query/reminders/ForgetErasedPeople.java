package io.careerpath.query.reminders;

import io.careerpath.query.history.PersonErasedFromReadModels;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An erased person's reminders, condition state and every read mark of them are deleted as the erasure is projected,
 * so that they never reappear (the daily run sweeps again for an erasure applied by a repair or a rebuild).
 */
@Component
class ForgetErasedPeople {

    private final ReminderStore store;

    ForgetErasedPeople(ReminderStore store) {
        this.store = store;
    }

    @EventListener
    void on(PersonErasedFromReadModels erased) {
        store.forget(erased.personId());
    }
}
