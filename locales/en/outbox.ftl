# The outbox (templates/pages/outbox.hbs, outbox_email.hbs; src/pages/outbox.rs).

outbox-title = Outbox
outbox-lead = Every email the tracker has queued: check-in invitations and reminders, digests for the secretariat, and password links. Failed emails can be sent again.
outbox-filter-label = Emails by state
outbox-filter-all = All
outbox-caption-all = Every email
outbox-caption-queued = Queued emails
outbox-caption-sending = Emails being sent
outbox-caption-sent = Sent emails
outbox-caption-failed = Failed emails
outbox-caption-cancelled = Cancelled emails
outbox-caption = { $heading } ({ $total }, newest first; times in { $zone })
outbox-col-email = Email
outbox-col-state = State
outbox-col-when = When
outbox-to = To
outbox-attempts = { $count ->
    [one] 1 attempt
   *[other] { $count } attempts
}
outbox-last-error = Last error
outbox-last-error-text = Last error: { $error }
outbox-none = No emails to show here.

## States and kinds
outbox-state-queued = Queued
outbox-state-sending = Sending
outbox-state-sent = Sent
outbox-state-failed = Failed
outbox-state-cancelled = Cancelled
outbox-kind-round-opened = Check-in round opened
outbox-kind-due-soon = Check-in due soon
outbox-kind-overdue = Check-in overdue
outbox-kind-escalation-digest = Late cities digest
outbox-kind-round-closed = Round closed summary
outbox-kind-password-reset = Password reset
outbox-kind-invitation = Invitation
outbox-when-sent = Sent { $when }
outbox-when-due = Due { $when }
outbox-when-changed = Last changed { $when }

## One email
outbox-email-title = Email { $id }: { $subject }
outbox-kind = Kind
outbox-language = Language
outbox-attempts-label = Attempts
outbox-none-value = None
outbox-queued = Queued
outbox-not-before = Not sent before
outbox-sent = Sent
outbox-not-sent = Not sent
outbox-retry-detail = Sending it again queues it now, with its attempts counted from zero.
outbox-retry = Retry sending the email
outbox-text-heading = The text of the email
outbox-back = Back to the outbox
outbox-requeued = The email to { $address } has been queued again and will be sent within a few minutes.
