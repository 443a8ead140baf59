# The secretariat's management of outcomes reports (/reports/manage) and one report's admin
# page (/reports/manage/{id}).

## Words both pages use
reports-version = Version { $number }
reports-not-yet = Not yet

## The list of reports and the form to compile a draft
reports-manage-title = Outcomes reports
reports-manage-heading = Outcomes reports
reports-manage-lead = The network's periodic report on how the signatory cities deliver the Charter, compiled from what cities logged: plans, actions, check-ins and indicators. Compile a draft, read it, mark good practice, then publish it.
reports-manage-public = Published reports are public.
reports-manage-public-link = See the list of published reports
reports-manage-list-heading = Reports
reports-manage-caption = Reports, newest period first
reports-manage-col-report = Report
reports-manage-col-published = Published
reports-manage-col-draft = Draft
reports-manage-col-good-practices = Good practices
reports-manage-none = No report has been compiled yet.
reports-compile-heading = Compile a draft
reports-compile-intro = The draft counts the plans and actions as they stand now, and the check-ins and indicator values of the period. Compiling a period again updates its draft; after a publication it starts a correction.
reports-compile-framework = Framework
reports-compile-from = First day
reports-compile-from-hint = By default the current reporting cycle.
reports-compile-to = Last day
reports-compile-button = Compile the draft
reports-compiled = Draft version { $number } compiled.
reports-compiled-again = Draft version { $number } compiled again with the latest data.
# The fields as error messages name them ("Enter the first day", "The first day must be a real date").
reports-field-framework = The framework
reports-field-from = The first day
reports-field-to = The last day
reports-secretariat-only = drafts of the outcomes report are for the network secretariat only; published reports are at /reports

## One report
reports-admin-all = All reports
reports-admin-published = Published
reports-admin-published-at = Version { $number }, at
reports-admin-draft = Draft
reports-admin-draft-compiled = Version { $number }, compiled { $when } by { $by }
reports-admin-no-draft = None: compile one to correct the published version
reports-admin-read-draft = Read the draft
reports-admin-read-draft-hidden = of { $period }
reports-admin-compile-again = Compile again with the latest data
reports-admin-compile-correction = Compile a correction draft
reports-admin-good-practice-heading = Good practice
reports-admin-good-practice-intro = Actions marked here are highlighted in the report with the city's own narrative. Marks stay with the report across corrections.
reports-admin-unmark = Remove the mark
reports-admin-none-marked = No action is marked yet.
reports-admin-city = Show a city's actions
reports-admin-city-button = Show its actions
reports-admin-candidates-caption = Actions of the city chosen
reports-admin-col-action = Action
reports-admin-col-state = State
reports-admin-col-mark = Mark
reports-admin-good-practice-tag = Good practice
reports-admin-mark = Mark as good practice
reports-admin-no-candidates = This city has no action under this framework.
reports-admin-publish-heading = Publish version { $number }
reports-admin-publish-freeze = Publishing freezes the draft's figures and pages exactly as they are: later changes to the data never change them.
reports-admin-publish-address = The report becomes public, with its data as JSON and CSV, at this address:
reports-admin-publish-read-first = Read the draft first, and compile it again if the data has moved.
reports-admin-changelog = What this version corrects
reports-admin-changelog-hint = Required for a correction: it is shown with the new version, beside the list of figures that changed.
reports-admin-note = A note on this version (optional)
reports-admin-publish-button = Publish version { $number }
reports-admin-versions-heading = Versions
reports-admin-versions-caption = Every version of this report, newest first
reports-admin-col-version = Version
reports-admin-col-compiled = Compiled
reports-admin-col-published = Published
reports-admin-col-changes = Changes
reports-admin-draft-tag = Draft
reports-admin-when-by = { $when } by { $by }
reports-admin-title = { $framework }: { $period }
reports-admin-field-changelog = What this version corrects
reports-admin-published-notice = Version { $number } is published at { $url }. It will not change, whatever happens to the data later.
reports-admin-marked-notice = “{ $title }” is marked as good practice, and the draft was compiled again to include it.
reports-admin-unmarked-notice = The good-practice mark was removed, and the draft was compiled again.
reports-admin-which-action = the form did not say which action to mark
