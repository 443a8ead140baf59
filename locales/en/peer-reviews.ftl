# Peer reviews: the list (/peer-reviews), the form to record or change one, the record with its
# recommendations and the host's responses, turning a recommendation into an action
# (/recommendations/{id}/action), and the secretariat's pairing view (/network/pairing).

## Words several pages use
peer-state-planned = Planned
peer-state-visited = Visited
peer-state-reported = Reported
peer-state-closed = Closed
peer-response-accepted = Accepted
peer-response-partly = Partly accepted
peer-response-not-accepted = Not accepted
peer-response-none = No response yet
# A visit of several days.
peer-visit-range = { $from } to { $to }
peer-visit-not-set = not set yet
peer-host = Host city
peer-framework = Framework
peer-commitments = Commitments in focus

## The list
peer-list-title = Peer reviews
peer-list-heading = Peer reviews
peer-list-lead = Cities reviewing each other's work on the Charter's commitments: the findings, the recommendations, and what the host city did with each.
peer-list-record = Record a peer review
peer-list-caption = Peer reviews, the latest visit first
peer-list-col-host = Host city
peer-list-col-reviewers = Reviewed by
peer-list-col-commitments = Commitments
peer-list-col-visit = Visit
peer-list-col-state = State
peer-list-col-recommendations = Recommendations
peer-list-review-hidden = peer review { $id }
peer-list-recommendation-count = { $count } ({ $responded } with a response)
peer-list-none = No peer review is recorded yet.
peer-list-none-secretariat = No peer review is recorded yet. Record one, or start from the pairing view's suggestions.

## One peer review
peer-record-title = Peer review of { $host }
peer-all = All peer reviews
peer-reviewed-by = Reviewed by
peer-visit = Visit
peer-report = Report
peer-report-not-yet = Not written yet
peer-team = Reviewing team
peer-team-none = Nobody recorded yet
peer-team-hidden = Shown to the secretariat and the cities taking part
peer-change = Change the review: dates, state, team, findings, summary
peer-summary-heading = Summary
peer-agreed-tag = Agreed for publication
peer-agreed-by = by { $by } on { $on }.
peer-summary-public = Anyone can read it at this address.
peer-summary-public-later = It becomes public once { $host } has a public page.
peer-not-agreed-tag = Not agreed for publication
peer-not-agreed = Only the network sees it until the host agrees.
peer-withdraw = Withdraw the agreement to publish
peer-agree = Agree to publish the summary
peer-no-summary = No summary yet.
peer-findings = Findings
peer-findings-none = None recorded yet.
peer-recommendations = Recommendations
peer-recommendations-none = None.
peer-rec-when-by = { $when } by { $by }
peer-rec-became = Became the action
peer-rec-became-quoted = Became the action “{ $title }”
peer-response-legend = { $host }'s response
peer-response-note = Note on the response (optional)
peer-response-change = Change the response
peer-response-record = Record the response
peer-response-hidden = to recommendation { $id }
peer-to-action = Turn it into an action
peer-to-action-hidden = recommendation { $id }
peer-add-heading = Add a recommendation
peer-add-commitment = Commitment
peer-choose-commitment = Choose a commitment
peer-add-text = Recommendation
peer-add-button = Add the recommendation
peer-field-commitment = The commitment
peer-field-recommendation = The recommendation
peer-recommendation-added-notice = The recommendation on { $commitment } is added.
peer-agreed-notice = The host's agreement to publish the summary is recorded.
peer-withdrawn-notice = The agreement to publish the summary is withdrawn.
peer-response-notice = The response to the recommendation on { $commitment } is recorded: { $response }.

## Recording or changing a peer review
peer-form-record-title = Record a peer review
peer-form-change-title = Change the peer review of { $host }
peer-form-choose-host = Choose the host city
peer-form-reviewers = Reviewing cities
peer-form-reviewers-hint = One or more cities other than the host.
peer-form-commitments-hint = The commitments of the review's framework that it looks at.
peer-form-state = State
peer-form-state-hint = A review only moves forward: visited needs the visit's first day, reported the report's date, closed a response from the host to every recommendation.
peer-form-visit-from = First day of the visit (optional while planned)
peer-form-visit-to = Last day of the visit (optional)
peer-form-report-date = Date of the review's report (optional until reported)
peer-form-date-example = For example { $example } (year-month-day)
peer-form-people = Reviewing team (optional)
peer-form-people-hint = One person per line: name; organisation; role. Only the secretariat and the cities involved see these names.
peer-form-findings = Findings on { $commitment }: { $text }
peer-form-summary = Summary for publication (optional)
peer-form-summary-hint = Public once the host agrees and the host city has a public page. Changing it withdraws an agreement already given.
peer-form-save = Save the peer review
peer-form-record = Record the peer review
peer-form-cancel = Cancel
peer-form-unknown-cities = The link named cities this tracker does not know ({ $cities }); they are left out.
peer-form-unknown-commitments = The link named commitments that are not live commitments of { $framework } ({ $commitments }); they are left out.
peer-form-unknown-commitments-any = The link named commitments that are not live commitments of any framework ({ $commitments }); they are left out.
# The fields as error messages name them ("Enter the first day", "The first day must be a real date").
peer-field-host = The host city
peer-field-framework = The framework
peer-field-reviewers = The reviewing cities
peer-field-commitments = The commitments in focus
peer-field-state = The state
peer-field-visit-from = The first day of the visit
peer-field-visit-to = The last day of the visit
peer-field-report-date = The date of the report
peer-field-people = The reviewing team
peer-field-findings = The findings
peer-field-summary = The summary
peer-recorded-notice = The peer review of { $host } is recorded.
peer-saved-notice = The peer review is saved.

## Turning a recommendation into an action
peer-action-heading = Turn the recommendation into an action
peer-action-back = Back to the peer review of { $host }
peer-action-intro = The action goes into { $host }'s plan under { $framework }, under commitment { $commitment }, and is followed in the check-ins like any other. The recommendation will show its status and progress.
peer-action-title = The action's title
peer-action-description = Description
peer-action-due = Due date (optional)
peer-action-button = Add the action to the plan
peer-field-plan = The plan
peer-field-action-title = The action's title
peer-field-description = The description
peer-field-due-date = The due date
peer-host-only = only the host city's editors or the network secretariat may do this
peer-action-notice = The recommendation is now the action “{ $title }” of the plan.

## Pairing cities for peer reviews
peer-pairing-title = Peer-review pairs
peer-pairing-back = Back to the network
peer-pairing-heading = Peer-review pairs
peer-pairing-lead = Pairs of cities where each is strong on commitments where the other is weak, the most complementary first. Each city appears in one pair at most.
peer-pairing-strong = Strong:
peer-pairing-strong-meaning = a city is strong on a commitment with a completed action, an open action at least half done, or a verified rating of substantial or complete.
peer-pairing-weak = Weak:
peer-pairing-weak-meaning = a city is weak on a commitment no action covers, or where its verified rating is not started or limited.
peer-pairing-caption = Proposed pairs, with the commitments each could help the other on
peer-pairing-col-cities = Cities
peer-pairing-col-a-helps-b = First helps second on
peer-pairing-col-b-helps-a = Second helps first on
peer-pairing-col-start = Start a peer review
peer-pairing-pair = { $a } ({ $a_country }) and { $b } ({ $b_country })
peer-pairing-similar = Similar context
peer-pairing-review-of-by = Review of { $host } by { $reviewer }
peer-pairing-none = No two cities complement each other yet: pairs appear once cities have completed or advanced actions on commitments others have not covered.
