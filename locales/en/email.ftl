# Emails (templates/email/). Values arrive formatted for the contact's language: names, dates
# ($due, $expires, $updated) and periods ($period, $round). Messages hold no HTML.

## Shared by every email
email-lang = en
email-dear = Dear { $name },
email-hello = Hello,
email-regards = Kind regards,
email-with-thanks = With thanks,
email-signature = The { $network } secretariat
email-button-fallback = If the button does not work, copy this address into your browser:
email-note-contact = You are receiving this email because your address is listed as a Charter contact for your city.
email-open-update-form = Open your update form
email-open-update-form-text = Open your update form:
email-draft-saved = If you have already started, your draft is saved and you can pick up where you left off.

## round_opened: to city contacts when a check-in round opens
email-round-opened-subject = { $period } Charter check-in for { $city }: please update by { $due }
email-round-opened-title = Your Charter check-in is open
email-round-opened-heading = The { $period } check-in is open
email-round-opened-intro = The { $period } check-in round is now open. Please let us know how { $city } is getting on with its Charter commitments by { $due }.
email-round-opened-single-page = The update is a single page. You can save it as a draft and come back to it at any time before the due date.
email-round-opened-private = This link is meant for you and your colleagues only, so please do not share it outside your administration.
email-round-opened-late-heading = What happens if the update is late
email-round-opened-late = If we have not received it by { $due }, we will send you a reminder, and the secretariat may get in touch to see whether we can help. If it is still missing when the round closes, { $city } will be shown as “no update received” for { $period } in the round summary.
email-round-opened-late-text = What happens if the update is late: if we have not received it by { $due }, we will send you a reminder, and the secretariat may get in touch to see whether we can help. If it is still missing when the round closes, { $city } will be shown as “no update received” for { $period } in the round summary.
email-round-opened-wrong-person = If you are no longer the right person for this, please tell us who is, so that we can update our records.

## due_soon: reminder before the due date ($days: 0 is today)
email-due-soon-subject = Reminder: the { $period } check-in for { $city } is due { $days ->
    [0] today
    [one] in 1 day
   *[other] in { $days } days
}
email-due-soon-title = Reminder: your Charter check-in is due soon
email-due-soon-heading = Your { $period } check-in is due { $days ->
    [0] today
    [one] in 1 day
   *[other] in { $days } days
}
email-due-soon-intro = A friendly reminder: the { $period } check-in for { $city } is due on { $due }, { $days ->
    [0] which is today
    [one] in 1 day
   *[other] in { $days } days
}.
email-due-soon-already-sent = If you have already sent your update, thank you, and please disregard this message.

## overdue: reminder after the due date ($days since it, at least 1)
email-overdue-subject = { $city }: we have not yet received your { $period } check-in
email-overdue-title = Your Charter check-in has not reached us yet
email-overdue-heading = We have not yet received your { $period } check-in
email-overdue-intro = As far as we can see, we have not yet received the { $period } check-in for { $city }. It was due on { $due }, { $days ->
    [one] 1 day
   *[other] { $days } days
} ago.
email-overdue-priorities = We know these updates compete with many other priorities. If you can, please fill it in over the next few days.
email-overdue-priorities-text = We know these updates compete with many other priorities. If you can, please fill it in over the next few days:
email-overdue-help = If something is getting in the way, for example you need more time or you are no longer the right contact, just let us know and we will find a solution together.
email-overdue-already-sent = If you have sent your update in the meantime, thank you, and please disregard this message.

## escalation_digest: to the secretariat, cities that are late
email-escalation-subject = { $round } check-ins still missing: { $count }
email-escalation-title = Check-ins still missing
email-escalation-heading = { $round } check-ins still missing
email-escalation-intro = These cities have not yet sent their { $round } check-in, which was due on { $due }. Where the automatic reminders have not worked, a personal message from the secretariat may help.
email-escalation-caption = Cities whose check-in is late
email-escalation-col-city = City
email-escalation-col-days-late = Days late
email-escalation-col-contacts = Contacts
email-escalation-days-late = { $city }: { $days ->
    [one] 1 day
   *[other] { $days } days
} late.
email-escalation-contacts = Contacts:
email-escalation-no-contacts = none on file
email-escalation-none-late = No city is late at the moment.
email-escalation-stale = Also: { $actions ->
    [one] 1 open action
   *[other] { $actions } open actions
} in { $cities ->
    [one] 1 city has
   *[other] { $cities } cities have
} had no update for a long while; the network overview counts them per city.
email-escalation-button = Open the round overview
email-escalation-overview-text = The round overview, with each city's contact details:
email-escalation-note = This digest is sent automatically to the secretariat by the Charter tracker.

## round_closed: to the secretariat when a round closes
email-round-closed-subject = { $round } check-in round closed: { $on_time } on time, { $late } late, { $missed } missed
email-round-closed-title = Check-in round closed
email-round-closed-heading = The { $round } check-in round has closed
email-round-closed-intro = The { $round } check-in round has closed. The due date was { $due }. Here is how it went.
email-round-closed-on-time = On time ({ $count })
email-round-closed-on-time-text = On time ({ $count }):
email-round-closed-late = Late, sent after the due date ({ $count })
email-round-closed-late-text = Late, sent after the due date ({ $count }):
email-round-closed-missed = Missed, no update received ({ $count })
email-round-closed-missed-text = Missed, no update received ({ $count }):
email-round-closed-none = none
email-round-closed-button = Open the round summary
email-round-closed-summary-text = The full round summary:
email-round-closed-note = This summary is sent automatically to the secretariat by the Charter tracker.

## password_reset
email-password-reset-subject = Reset your password for the { $network } Charter tracker
email-password-reset-title = Reset your password
email-password-reset-intro = We received a request to reset the password for your account. To choose a new password, use the button below.
email-password-reset-intro-text = We received a request to reset the password for your account. To choose a new password, open this link:
email-password-reset-button = Choose a new password
email-password-reset-valid = This link is valid until { $expires }. After that, you can ask for a new one from the sign-in page.
email-password-reset-ignore = If you did not ask for this, you can ignore this email: your password will not change.
email-password-reset-note = For your security, we will never ask you for your password by email.

## invitation: to a new user
email-invitation-subject = Your account on the { $network } Charter tracker
email-invitation-title = Your account on the Charter tracker
email-invitation-intro = An account has been created for you on the { $network } Charter tracker, where signatory cities keep their action plan for the Charter on Integrating Cities and report their progress.
email-invitation-choose-text = To start, choose your password by opening this link:
email-invitation-button = Choose your password
email-invitation-sign-in = You will then sign in with your email address, { $email }. The link is valid until { $expires }; after that, ask the secretariat for a new one, or use “Forgot your password?” on the sign-in page.
email-invitation-note = You receive this email because the network secretariat created an account for you. If you did not expect it, you can ignore it.

## report_compiled: to the secretariat when a draft outcomes report is compiled
email-report-compiled-subject = Draft outcomes report for { $period } ready to review: { $framework }
email-report-compiled-title = Draft outcomes report ready
email-report-compiled-heading = The draft { $period } outcomes report is ready
email-report-compiled-intro = The { $period } cycle has ended, so the Charter tracker has compiled a draft outcomes report for the { $framework } from what the cities recorded (version { $version }).
email-report-compiled-review = Please read it, mark the good practices you want to highlight, and publish it when it is ready. Nothing is public until you publish.
email-report-compiled-button = Read the draft
email-report-compiled-draft-text = The draft:
email-report-compiled-note = This email is sent automatically to the secretariat by the Charter tracker at the end of each reporting cycle.

## changes_requested: the secretariat sends a check-in back
email-changes-subject = { $city }: the secretariat has a question about your { $round } check-in
email-changes-title = A question about your Charter check-in
email-changes-heading = A question about your { $round } check-in
email-changes-intro = Thank you for the { $round } check-in for { $city }. Before we include it in the network's report, we would like you to look at a few points.
email-changes-about-actions = About your actions:
email-changes-action-comment = { $title }: { $comment }
email-changes-saved = Your answers are saved in the form; change what is needed and send it again.
email-changes-saved-text = Your answers are saved in the form; change what is needed and send it again:
email-changes-button = Open your check-in
email-changes-link-valid = The link works for 30 days, also after the round has closed. If anything is unclear, just reply to this email.

## stale_actions: open actions nobody has updated for a long time
email-stale-subject = { $city }: actions in your Charter plan that need an update
email-stale-title = Actions that need an update
email-stale-intro = Some actions in { $city }'s Charter action plan are still open but nobody has updated them for { $days } days or more:
email-stale-item = { $title } ({ $commitment }), last updated { $updated }:
email-stale-item-after-link = ({ $commitment }), last updated { $updated }
email-stale-please = Please update their status and progress, or mark them completed or cancelled if that is where they stand.
email-stale-please-text = Please update their status and progress, or mark them completed or cancelled if that is where they stand. The city's page lists them too:
email-stale-button = Open the city's page
email-stale-monthly = You will get this reminder at most once a month, while actions are waiting for an update.
