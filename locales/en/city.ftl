# A city's page, its list of check-ins and its calendar address (src/pages/city.rs,
# check_ins.rs, calendar.rs).

## The city's page
city-title-full = { $city }: action plan
city-title-public = { $city }: public page
city-public-page-hidden = public page
city-lead-full = Action plan and progress under the Charter on Integrating Cities.
city-lead-public = How { $city } carries out its commitments as a signatory city.
city-country = Country
city-signed = Signed
city-signed-on = { $framework } on { $date }
city-no-signature = No signature recorded
city-public-page = Public page
city-public-yes = Yes: anyone can see the plan and its progress
city-public-no = No: only the network can see this page
city-check-in-heading = Progress check-in
city-check-in-due = The check-in for { $round } is due by { $date }.
city-check-in-fill = Fill in the check-in
city-check-in-fill-hidden = for { $round }
city-no-check-in-open = No check-in is open now.
city-last-round = Last round, { $round }:
city-next-round = The next round opens on { $date }.
city-link-check-ins = All check-ins of { $city }
city-link-contacts = Contacts who receive reminders
city-link-calendar = Calendar of due dates
city-link-verification = Self-assessment and verification
city-link-learn = Compare with similar cities and learn from peers
city-overdue-heading = Overdue actions
city-overdue-intro = These actions are past their due date and not completed.
city-due = due { $date }
city-tag-overdue = Overdue
city-verification-heading = Self-assessment and verification
city-verification-caption = The city's latest view of its commitments beside what the secretariat verified
city-verification-commitment = Commitment
city-verification-city-view = The city's view
city-verification-verified = Verified
city-not-assessed = Not assessed
city-differs = Differs
city-not-verified = Not verified
city-verification-link = Every commitment, with notes and evidence
city-stale-heading = Actions nobody has updated for a while
city-stale-intro = { $days ->
    [one] These actions are still open and have not been updated for 1 day or more. Update their status and progress, or mark them completed or cancelled.
   *[other] These actions are still open and have not been updated for { $days } days or more. Update their status and progress, or mark them completed or cancelled.
}
city-last-updated = last updated { $date }
city-tag-not-updated = Not updated
city-plan-adopted = Adopted { $date }
city-plan-draft = Draft
city-plan-period = { $start } to { $end }
city-plan-document = The plan document
city-plan-coverage = { $covered } of { $total }
city-plan-coverage-after = { $total ->
    [one] commitment has at least one action
   *[other] commitments have at least one action
} ({ $actions ->
    [one] 1 action in all
   *[other] { $actions } actions in all
}).
city-add-action = Add an action
city-add-action-hidden = to { $plan }
city-change-plan = Change the plan's details
city-change-plan-hidden = : { $plan }
city-import-actions = Import actions from a file
city-import-actions-hidden = into { $plan }
city-uncovered = Commitments with no action yet ({ $count })
city-role-table = { $plan }: commitments as { $role } and their actions
city-commitment-column = Commitment
city-actions-column = Actions
city-retired = Retired
city-not-updated-since = Not updated since { $date }
city-no-action-yet = No action yet.
city-add-one = Add one
city-add-one-hidden = under { $code }
city-no-plan-heading = Action plan
city-no-plan = { $city } has no action plan yet.
city-start-plan = Start a new action plan
city-peer-reviews-heading = Peer reviews and recommendations
city-peer-reviews-intro = Other cities reviewed { $city }'s work on some commitments. What became of each recommendation:
city-peer-review-by = Peer review by { $reviewers }
city-peer-review-visit = Visit: { $visit }. Commitments: { $commitments }.
city-recommendation-became = Became
city-no-recommendation = No recommendation recorded yet.

## A city's check-ins
city-check-ins-title = { $city }: check-ins
city-check-ins-back = Back to { $city }'s plan
city-check-ins-heading = { $city }: progress check-ins
city-check-ins-intro = The network asks every city with an adopted plan how its actions are moving, once a round. Reminders stop as soon as the check-in is submitted.
city-check-ins-caption = Check-ins of { $city }, newest first
city-check-ins-round = Round
city-check-ins-due = Due by
city-check-ins-state = State
city-check-ins-submitted = Submitted
city-check-ins-fill-hidden = : fill in the check-in
city-check-ins-extended = (extended: { $reason })
city-check-ins-by = , by { $name }
city-check-ins-none = No check-in has been asked of { $city } yet. The first comes with the next round after its plan is adopted.

## The calendar address
city-calendar-title = Calendar of { $city }
city-calendar-lead = Follow { $city }'s check-in due dates (with any extension) and the due dates of its open actions in your office calendar (Outlook, Google Calendar, Apple Calendar, Thunderbird).
city-calendar-new-heading = Your new calendar address
city-calendar-new-intro = Copy this address now: it is shown only this once. In your calendar app, choose “subscribe to a calendar from the internet” (or “add calendar from URL”) and paste it.
city-calendar-address = Calendar address
city-calendar-anyone = Anyone with this address can read these dates, without signing in. Share it only with people who need it.
city-calendar-in-use = The address in use
city-calendar-made = Made on { $date } at { $time } by { $by }. It keeps working until you make a new one or revoke it.
city-calendar-remake = Make a new address
city-calendar-remake-hidden = (the old one stops working)
city-calendar-revoke = Revoke the address
city-calendar-replaces = A new address replaces the old one: calendars subscribed to the old one stop updating.
city-calendar-none = { $city } has no calendar address.
city-calendar-none-yet = { $city } has no calendar address yet.
city-calendar-make = Make a calendar address
city-calendar-back = Back to { $city }
city-calendar-revoked = The calendar address is revoked: calendars subscribed to it no longer update.

city-charter-unofficial = The Charter’s roles and commitments are shown in an unofficial translation; the Charter was adopted in English.
