# Words every part of the service uses. Other files are named after the part they serve
# (pages-city.ftl, report.ftl, email.ftl ...); keys start with the file's part.

core-actions-count = { $count ->
    [one] 1 action
   *[other] { $count } actions
}
core-language-switcher = Choose a language
core-language-current = { $language } (current language)
core-unofficial-translation = Unofficial translation
core-skip-link = Skip to main content

## The layout of every page
layout-title-error-prefix = Error:
layout-title-suffix = { $network } Charter tracker
layout-site-name = { $network } · Charter on Integrating Cities
layout-signed-in = Signed in as
layout-sign-out = Sign out
layout-sign-in = Sign in
layout-nav-label = Main
layout-demo-strong = Demo data.
layout-demo-text = The cities are real but their plans, check-ins and figures are invented to show how the tracker works.
layout-footer-secretariat = { $network } secretariat · Charter tracker
layout-footer-accessibility = Accessibility
layout-footer-privacy = Privacy

## The main navigation
nav-explore-actions = Explore actions
nav-good-practices = Good practices
nav-published-reports = Published reports
nav-your-plan = Your city's plan
nav-check-ins = Check-ins
nav-learn = Learn from peers
nav-reports = Reports
nav-network = Network
nav-cities = Cities
nav-reviews = Reviews
nav-peer-reviews = Peer reviews
nav-outbox = Outbox
nav-users = Users
nav-personal-data = Personal data

## Roles
role-secretariat = network secretariat
role-city-editor = city editor
role-observer = observer

## Error pages
error-go-home = Go to the home page
error-sign-in-heading = Please sign in
error-sign-in-detail = You need to sign in to see this page.
error-forbidden-heading = You cannot see or change this
error-forbidden-detail = { $reason }. If you think you should, contact the network secretariat.
error-not-found-heading = Page not found
error-not-found-detail = { $reason }. If you typed the address, check it is correct; if you followed a link, it may be out of date.
error-gone-heading = This is no longer available
error-conflict-heading = This was changed by someone else
error-bad-request-heading = Something is not right with this request
error-busy-heading = The service is busy
error-busy-detail = Too many people are signing in or changing passwords at this moment. Nothing was changed; please go back and try again in { $seconds } seconds.
error-unexpected-heading = Sorry, there is a problem with the service
error-unexpected-detail = Nothing was changed. Please try again later; if it keeps happening, contact the network secretariat.
error-cross-site-heading = This form was sent from another site
error-cross-site-detail = For your security, forms can only be sent from pages of this service. Nothing was changed.

## Choosing a language
language-not-offered = There is no language “{ $tag }” on this service
language-form-expired = This form had expired, so your language was not changed. Try again.
language-saved = Your language has been saved.
account-language-heading = Language of pages
account-language-hint = Pages and emails to you use this language on every device you sign in on.
account-language-auto = As my browser asks (or as chosen with the links at the top)
account-language-save = Save language

## Form fields
field-error-prefix = Error:
date-format-hint = For example, 27 3 2026 (day, month, year)
date-day = Day
date-month = Month
date-year = Year

## Numbers and periods
core-quarter = Q{ $quarter } { $year }
core-percent = { $value }%
