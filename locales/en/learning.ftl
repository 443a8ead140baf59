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
