# Learning from peers: a city's context figures and the good-practice library
# (src/pages/learning.rs).

## The city's context
learn-context-title = { $city }: context
learn-context-back = Back to { $city }: learn from peers
learn-context-heading = { $city }: population and residents born abroad
learn-context-lead = These figures place { $city } among cities of its size and with a similar share of residents born abroad. Leave a figure empty if you do not have it.
learn-population = Population
learn-population-hint = The number of residents, for example 350000
learn-population-year = Year of the population figure
learn-year-hint = For example 2024
learn-born-abroad-percent = Residents born abroad, as a percentage
learn-born-abroad-field = Residents born abroad
learn-born-abroad-percent-hint = From 0 to 100, for example 23.5
learn-born-abroad-year = Year of that figure
learn-source = Source
learn-source-hint = Where the figures come from, for example the national statistics office
learn-save = Save
learn-cancel = Cancel
learn-must-be-residents = must be a whole number of residents, such as 350000
learn-must-be-year = must be a year, such as 2024
learn-must-be-percent = must be a percentage from 0 to 100, such as 23.5
learn-context-saved = The city's context is saved.

## The good-practice library
learn-practices-title = Good practices
learn-practices-lead = Actions the network published as good practice in its outcomes reports, in the cities' own words.
learn-practices-feed = Follow new good practices (Atom feed)
learn-practices-search = Search them with the network's other actions
learn-practices-by-commitment = By commitment
learn-practices-all-count = All ({ $count })
learn-practices-report = report { $period }, published { $date }
learn-practices-none = No good practice has been published yet. The secretariat marks good practices when it compiles an outcomes report.
learn-practices-all = All good practices
learn-practice-lead = good practice in the outcomes report { $period }
learn-practice-at-publication = At publication
learn-practice-done = { $status }, { $progress }% done
learn-practice-published = Published
learn-practice-version = { $date } (version { $version })
learn-practice-words = In the city's words
learn-practice-report = The report it comes from
learn-practice-action = The action as it stands today
learn-practice-others = Other cities' actions on { $commitment }

## Learn from peers (/cities/{id}/learn)
learn-back = Back to { $city }’s plan
learn-heading = { $city }: learn from peers
learn-lead = How { $city } compares with cities like it, and which cities act where { $city } has not yet.
learn-page-context = Context
learn-born-abroad = Residents born abroad
learn-no-context = No population or share of residents born abroad is recorded, so { $city } is compared with the whole network only.
learn-change-context = Change the city’s population and share born abroad
learn-add-context = Add the city’s population and share born abroad
learn-compares = How { $city } compares
learn-compare-caption = Commitments covered (at least one action that is not cancelled) and the mean progress of those actions, per role. Group averages over fewer than { $threshold } cities are not shown.
learn-col-role = Role
learn-col-same-size = Cities of your size
learn-col-same-share = Similar share born abroad
learn-col-network = The network
learn-covered-of = { $covered } of { $total }
learn-done = , { $progress }% done
learn-withheld = fewer than { $threshold } cities
learn-size-band = Cities of your size: { $band }.
learn-share-band = Similar share: { $band }.
learn-sentence = { $sentence }.
learn-sentence-covered = { $covered } of { $total } commitments covered
learn-sentence-same-size = ; cities of your size cover { $average } on average
learn-sentence-network = ; the network’s cities cover { $average } on average
learn-from-heading = Learn from
learn-from-lead = For each commitment { $city } does not cover yet, or rates low, up to { $count } cities that act on it. Their score:
learn-weight-completed = { $points } points for each completed action on the commitment
learn-weight-advanced = { $points } point for each open action at least { $progress }% done
learn-weight-good-practice = { $points } points for each of its actions published as good practice
learn-weight-context = { $size } point for a city of the same size, { $share } for a similar share of residents born abroad
learn-weight-recent = { $points } point if one of its actions on it was updated in the last { $days } days
learn-why = Why: { $reasons }.
learn-score = score { $score }
learn-part = { $reason }: { $points ->
    [one] { $points } point
   *[other] { $points } points
}
learn-good-practice = Good practice
learn-no-suggestion = No city you can see has completed or advanced an action on it yet.
learn-every-action-on = Every action on { $commitment } you can see
learn-covers-all = { $city } covers every commitment and rates none low.
learn-explore = Explore the network’s actions.
