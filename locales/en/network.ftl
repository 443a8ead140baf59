# The network at a glance (templates/pages/network.hbs, partials/network_row.hbs, src/pages/network.rs).

network-title = The network at a glance
network-frameworks-label = Frameworks
network-lead = { $count ->
    [one] 1 signatory city of the { $framework }; { $adopted } with an adopted action plan.
   *[other] { $count } signatory cities of the { $framework }; { $adopted } with an adopted action plan.
}
network-download = Download the data
network-download-formats = (Excel or CSV)
network-import = Import cities from a file
network-pairing = Peer-review pairs
network-explore = Explore every city's actions
network-round = Check-in round
network-round-counts = { $on_time } sent on time, { $late } sent late, { $open } still open, { $overdue } overdue, { $missed } missed.
network-no-round = No check-in round has opened yet.

## The filter
network-filter-label = Filter the cities
network-filter-country = Country
network-filter-plan = Action plan
network-filter-coverage = Commitments covered
network-filter-overdue = Overdue actions
network-filter-check-in = Latest check-in
network-filter-submit = Show these cities
network-filter-every-city = Show every city
network-any-country = Any country
network-any = Any
network-plan-adopted = Adopted plan
network-plan-draft = Draft plan
network-plan-none = No plan
network-coverage-all = Every commitment
network-coverage-some = Some commitments
network-coverage-none = No commitment
network-overdue-yes = With overdue actions
network-overdue-no = Without overdue actions
network-outcome-on-time = Sent on time
network-outcome-late = Sent late
network-outcome-open = Still open
network-outcome-overdue = Overdue
network-outcome-missed = Missed
network-outcome-not-asked = Not asked
network-bad-filter = the filter { $field } `{ $value }` is not one the page knows; accepted: { $accepted }
network-bad-country = a two-letter ISO 3166 code

## The table
network-caption = Commitments covered by each city's plan, by role, and the latest check-in
network-caption-filtered = ({ $shown } of { $count } cities match the filter)
network-caption-all = { $shown ->
    [one] (1 city)
   *[other] ({ $shown } cities)
}
network-col-city = City
network-col-overdue = Overdue actions
network-col-stale = Actions not updated
network-col-check-in = Check-in
network-col-check-in-round = Check-in { $round }
network-cell-all = All
network-cell-some = Some
network-cell-none = None
network-cell-covered = { $covered } of { $total }
network-row-draft-plan = Draft plan
network-row-no-plan = No plan
network-row-not-asked = Not asked
network-key = “All”, “Some” and “None” say how many of a role's commitments have at least one action that is not cancelled. “Actions not updated” counts open actions nobody has updated for { $days } days or more.
network-fewer-pages = This list has fewer pages:
network-first-page = go to the first page
network-no-match = No city matches this filter:
network-show-every-city = show every city
network-empty = No city has signed this framework or started a plan under it yet.

## Getting started (an empty network)
network-start-heading = Getting started
network-start-register = Register a city
network-start-register-after = , with the date it signed, then add its contacts: the people who get the check-in emails.
network-start-import = Import a file
network-start-import-after = of the cities and their contacts the network already keeps in a spreadsheet (Excel or CSV; a template is there to start from).
network-start-invite = Invite a city's officer
network-start-invite-after = as a city editor, to log the city's action plan.
network-start-demo = To look around first, load the demo network into an empty database:
network-start-demo-after = (about forty cities with invented plans, a year of check-ins and a published report).

## Shared by the secretariat's lists and forms (src/pages/admin.rs)
network-page-number-bad = the page number `{ $number }` is not a whole number of 1 or more
# A date and a time of day: "24 November 2026, 10:11".
network-date-time = { $date }, { $time }
