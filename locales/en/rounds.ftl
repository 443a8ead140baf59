# Check-in rounds, one round, opening a round now, the schedule
# (templates/pages/rounds.hbs, round.hbs, round_new.hbs, schedule.hbs; src/pages/rounds.rs).

## The rounds
rounds-title = Check-in rounds
rounds-lead = Each round asks every city with an adopted plan how its actions have moved. Newest first.
rounds-schedule-link = The check-in schedule
rounds-schedule-decides = decides when rounds open.
rounds-open-now-before = While no round is open, the secretariat can
rounds-open-now-link = open one now
rounds-caption = Check-in rounds ({ $total })
rounds-col-round = Round
rounds-col-period = Period
rounds-col-due = Due
rounds-col-state = State
rounds-col-on-time = On time
rounds-col-late = Late
rounds-col-missed = Missed
rounds-col-not-started = Not started
rounds-col-draft = Draft saved
rounds-col-to-review = To review
rounds-closed = Closed
rounds-open = Open
rounds-none = No round has opened yet. The first opens when the schedule next fires.
rounds-open-one-now = Open one now
rounds-period-dates = { $start } to { $end }

## One round
rounds-round-title = Check-ins for { $round }
rounds-period = Period
rounds-opened = Opened
rounds-due = Due
rounds-due-end-of-day = { $date } (end of the day)
rounds-closes = Closes
rounds-closes-when = { $date }, when the next round opens
rounds-so-far = So far
rounds-so-far-counts = { $on_time } on time, { $late } late, { $missed } missed, { $open } not started, { $draft } with a draft saved; { $accepted } accepted
rounds-to-review = { $count } to review
rounds-caption-check-ins = Each city’s check-in (times in { $zone })
rounds-col-city = City
rounds-col-submitted = Submitted
rounds-col-actions = Actions
rounds-extended-reason = Extended: { $reason }
rounds-submitted-by = by { $name }
rounds-not-yet = Not yet
rounds-extend = Extend the due date
rounds-for-city = for { $city }
rounds-contacts = Contacts
rounds-contacts-in = in { $city }
rounds-no-check-ins = No city had an adopted plan when this round opened, so it has no check-ins.
rounds-extend-heading = Extend a due date
rounds-extend-lead = Give one city more time, with the reason. The new date must be later than its current one and before the round closes; the city’s reminders follow the new date.
rounds-extend-legend = { $city }, due { $due }
rounds-new-due = New due date
rounds-new-due-hint = As YYYY-MM-DD, for example 2026-07-15. The city can submit until the end of that day.
rounds-reason = Reason
rounds-reason-hint = For the record, e.g. “Council elections in May”.
rounds-new-due-for = New due date for { $city }
rounds-reason-for = Reason for the extension for { $city }
rounds-back = Back to the rounds
rounds-extended = { $city } now has until { $date } to submit its check-in. Its reminders follow the new date.
rounds-conflict = someone else saved a change to this check-in after you opened this page, so your changes were not saved. They are still in the form: check them against the saved details (open the page again to see those) and save again
rounds-no-round = no check-in round with id { $id }
rounds-no-check-in = round { $round } has no check-in with id { $id }

## A check-in's state in a round
rounds-state-submitted-late = Submitted late
rounds-state-submitted = Submitted on time
rounds-state-resubmitted = Resubmitted, to review
rounds-state-changes-requested = Changes requested
rounds-state-accepted-late = Accepted, sent late
rounds-state-accepted = Accepted
rounds-state-missed = Missed
rounds-state-draft-overdue = Draft saved, overdue
rounds-state-draft = Draft saved
rounds-state-extended-overdue = Extended, overdue
rounds-state-extended = Extended
rounds-state-overdue = Overdue
rounds-state-not-started = Not started

## Opening a round now
rounds-new-title = Open a check-in round now
rounds-new-lead = A round asks every city with an adopted action plan how its actions have moved. This one opens now instead of waiting for the schedule.
rounds-new-round = Round
rounds-new-period = Period it covers
rounds-new-last-day = Last day to answer
rounds-new-closes = Closes
rounds-new-closes-when = { $date }, when the schedule opens the next round
rounds-new-emails = Emails
rounds-new-emails-detail = { $count } now, to the contacts below, each with a link to their city's form
rounds-new-cities-label = Cities this round asks
rounds-new-cities-caption = { $count ->
    [one] The city this round asks
   *[other] The { $count } cities this round asks
}
rounds-new-col-contacts = Contacts emailed
rounds-new-nobody = Nobody
rounds-new-nobody-detail = no contact receives reminders; the city can answer once signed in
rounds-new-submit = { $count ->
    [one] Open the round and send 1 email
   *[other] Open the round and send { $count } emails
}
rounds-cancel = Cancel
rounds-new-back = Back to the check-in rounds
rounds-opened-notice = Round { $round } is open and its emails are on their way to the cities' contacts.
rounds-not-now-open = Round { $round } is still open until { $date }; the next round opens on the schedule when it closes.
rounds-not-now-no-cities = No city has an adopted action plan yet, so a round would ask nobody; a round asks the cities with an adopted plan.
rounds-not-now-empty = A round already covers the days up to yesterday (a new one would cover { $date } to yesterday, which is empty); the next round opens on the schedule.

## The schedule
rounds-schedule-title = Check-in schedule
rounds-schedule-lead = When the schedule fires, a check-in round opens for every city with an adopted plan. Each round is due { $days } days after it opens, and closes when the next one opens.
rounds-schedule = Schedule
rounds-time-zone = Time zone
rounds-set-by = Set by
rounds-set-by-secretariat = The network secretariat, on this page
rounds-set-by-file = The configuration file
rounds-next-heading = The next rounds open on
rounds-next-none = The schedule does not fire again.
rounds-change-heading = Change the schedule
rounds-expression-hint = A cron expression of 5 fields: minute, hour, day of the month, month, day of the week. For example “0 0 1 1,4,7,10 *” is midnight on 1 January, April, July and October; “0 9 1 * *” is 9:00 on the first of every month.
rounds-time-zone-hint = The place whose clock the schedule follows, as an IANA name, e.g. Europe/Brussels, Europe/Warsaw, UTC.
rounds-change-submit = Change the schedule
rounds-schedule-error-label = The schedule
rounds-time-zone-error-label = The time zone
rounds-schedule-changed = The check-in schedule has been changed.
rounds-schedule-changed-next = The check-in schedule has been changed. The next round opens on { $when } ({ $zone }).
rounds-schedule-conflict = someone else saved a change to this schedule after you opened this page, so your changes were not saved. They are still in the form: check them against the saved details (open the page again to see those) and save again
