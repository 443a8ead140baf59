# An action: its page, the form to add or change it, and removing it (src/pages/actions.rs).

## Form labels (also used to name fields in error messages and the history)
action-commitment = Commitment
action-commitment-hint = The commitment of the Charter this action carries out.
action-title-label = Title
action-title-hint = A short name people will recognise, e.g. “Language cafés in public libraries”.
action-description = Description
action-description-optional = Description (optional)
action-department = Responsible department
action-department-optional = Responsible department (optional)
action-partners-field = A partner
action-partners-optional = Partners (optional)
action-partners-hint = One per line: NGOs, migrant organisations, other public bodies.
action-delivery-field = How the city delivers it
action-delivery-legend = How does the city deliver it?
action-delivery-direct = The city provides it directly
action-delivery-advocacy = The city advocates it with those who provide it
action-delivery-advocacy-hint = Where the city is not the direct service provider, the Charter asks it to advocate its provisions with the service providers.
action-areas-field = A policy area
action-areas-optional = Policy areas (optional)
action-areas-hint = Select all that apply.
action-start-date = Start date
action-start-date-optional = Start date (optional)
action-due-date = Due date
action-due-date-optional = Due date (optional)
action-due-date-hint = On or after the start date.
action-status = Status
action-progress = Progress
action-progress-label = Progress, in percent
action-progress-hint = A whole number from 0 to 100.
action-evidence-field = An evidence link
action-evidence-optional = Evidence links (optional)
action-evidence-hint = One per line: the web address (http:// or https://), then a space and a title if you like, e.g. https://city.example/council-decision.pdf Council decision

## The form
action-back = Back
action-new-title = Add an action
action-new-title-plan = Add an action to { $plan }
action-edit-title = Change an action
action-add-button = Add the action
action-save-button = Save the changes
action-cancel = Cancel
action-progress-empty = is empty
action-progress-accepted = a whole number from 0 to 100
action-progress-not-number = “{ $typed }” is not a whole number
action-not-chosen = is not chosen
action-delivery-accepted = directly, or by advocating it with the providers
action-status-accepted = one of the statuses listed
action-commitment-accepted = one of the plan's commitments
action-conflict = this action was changed by { $who } while you were editing. Your changes are shown below and have not been saved yet; check them against the current action (open it in another tab) and save again
action-added = Action “{ $title }” added under { $commitment }.
action-saved = Your changes have been saved.

## Removing
action-delete-title = Remove an action
action-delete-heading = Remove “{ $title }”?
action-delete-text = The action will no longer be part of { $city }'s plan or count towards its commitments. Its history is kept, and the removal is recorded with your name.
action-delete-yes = Yes, remove the action
action-delete-no = No, keep it
action-delete-conflict = the action was changed after you opened the confirmation, so it was not removed; open it again to see the changes
action-removed = Action “{ $title }” removed. Its history is kept.

## The action's page
action-back-to-plan = Back to { $city }'s plan
action-done = { $progress }% done
action-overdue = Overdue
action-not-updated-since = Not updated since { $date }
action-from-recommendation = From peer review recommendation
action-plan = Plan
action-partners = Partners
action-evidence = Evidence
action-delivery = Delivery
action-areas = Policy areas
action-none-given = None given
action-not-set = Not set
action-change = Change the action
action-remove = Remove it
action-reports-heading = Reported in check-ins
action-sent = Sent { $when }:
action-when = { $date } at { $time }
action-no-reports = No check-in has reported on this action yet.
action-history-heading = History of changes
action-history-created = Added the action
action-history-deleted = Removed the action
action-history-changed = Changed
action-history-change = { $field }: from “{ $from }” to “{ $to }”
action-history-none = none
action-history-empty = empty
action-public-view = This is the public view of the action.
action-other-cities = Other cities' actions on { $commitment }
