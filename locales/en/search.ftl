# Exploring the network's actions (/actions, src/pages/search.rs).
search-title = Explore the network's actions
search-lead = What signatory cities do for each commitment of the Charter: search their actions, narrow them down, and learn from each other.
search-public-only = These are the actions of cities whose page is public.
search-library-link = The good-practice library
search-library-after = { " " }collects those the network has published as good practice.
search-own-city = Your own city's actions are included, with those of cities whose page is public.
search-form-label = Actions
search-words = Words to search for
search-words-hint = In titles, descriptions, departments, partners and city names. Accents and capitals do not matter.
search-sort = Sort by
search-button = Search
search-clear = Clear the search and every filter
search-results = { $first } to { $last } of { $total ->
    [one] 1 action
   *[other] { $total } actions
}
search-none = No actions found
search-narrowed = Narrowed to:
search-filter = { $heading }: { $label }
search-remove = Remove
search-remove-filter-hidden = the filter { $heading }: { $label }
search-remove-this-hidden = this filter
search-try-fewer = Try fewer or different words, or remove a filter.
search-done = { $progress }% done
search-good-practice = Good practice
search-not-updated-since = Not updated since { $date }
search-updated = updated { $date }
search-as-data = The same results as data:
search-api-link = JSON from the API
search-narrow-heading = Narrow the results
search-yes = Yes
search-no = No

## Sorting
search-sort-relevance = Best match
search-sort-recent = Recently updated
search-sort-title = Title
search-sort-city = City
search-sort-progress = Progress (highest first)

## Facets (headings) and the fields named in errors
search-facet-role = Role
search-facet-commitment = Commitment
search-facet-policy-area = Policy area
search-facet-status = Status
search-facet-delivery = How the city delivers it
search-facet-country = Country
search-facet-good-practice = Good practice in a published report
search-facet-stale = Not updated for a while
search-facet-framework = Framework
search-field-delivery = Delivery
search-field-good-practice = Good practice
search-field-stale = Not updated
search-field-page = Page
search-field-per-page = Results per page
