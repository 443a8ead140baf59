# The secretariat's review of check-ins: the queue (/reviews) and one check-in's review
# (/check-ins/{id}/review).

## The queue
review-queue-title = Check-ins to review
review-queue-heading = Check-ins to review
review-queue-lead = Each check-in a city submits waits here until you accept it or ask for changes. The longest waiting is first.
review-queue-region = Check-ins waiting for review
review-queue-caption = { $count } waiting for review
review-queue-col-city = City
review-queue-col-round = Round
review-queue-col-state = State
review-queue-col-since = Waiting since
review-queue-col-review = Review
# How long a check-in has waited, in whole days.
review-queue-days = { $days ->
    [0] today
    [one] 1 day
   *[other] { $days } days
}
review-queue-review = Review
review-queue-review-hidden = the check-in of { $city } for { $round }
review-queue-none = Nothing is waiting: every submitted check-in has been reviewed.

## One check-in's review
review-title = Review: { $city }, { $round }
review-heading = Review: { $city }, { $round }
review-state = State
review-submitted = Submitted
review-when-by = { $when } by { $by }
review-events-heading = What happened so far
review-event-submitted = Submitted
review-event-changes-requested = Changes asked for
review-event-resubmitted = Resubmitted
review-event-accepted = Accepted
review-event-when-by = { $when }, by { $by }
review-reported-heading = What the city reported
review-no-actions = The check-in reports on no action.
review-action-status = Status
review-action-not-reported = Not reported on
review-action-narrative = What happened
review-action-evidence = Evidence
review-action-comment = Comment on “{ $title }” (optional)
review-assessments-heading = The city's view of its commitments
review-decision-heading = Your decision
review-decision-legend = What do you decide?
review-decision-accept = Accept it
review-decision-accept-hint = It goes into the outcomes report as it is.
review-decision-changes = Ask the city for changes
review-decision-changes-hint = The city's contacts get your comments by email with a link to their form, which then works even after the round has closed.
review-comment = Comment on the whole check-in
review-comment-hint = Needed when you ask for changes, unless you commented on an action above. The city's contacts get it by email with a link back to their form.
review-send = Send the decision
review-cancel = Cancel
# The fields as error messages name them ("Enter the first day", "The first day must be a real date").
review-field-action-comment = The comment on “{ $title }”
review-field-decision = The decision
review-field-comment = The comment on the whole check-in
review-accepted-notice = The check-in of { $city } for { $round } is accepted.
review-changes-notice = { $city } has been asked for changes; its contacts have your comments by email.
