# Exploring the network's actions (/actions, src/pages/search.rs).
search-title = Maßnahmen im Netzwerk erkunden
search-lead = Was die Unterzeichnerstädte für jede Verpflichtung der Charta tun: Durchsuchen Sie ihre Maßnahmen, grenzen Sie sie ein und lernen Sie voneinander.
search-public-only = Dies sind die Maßnahmen der Städte, deren Seite öffentlich ist.
search-library-link = Die Sammlung guter Praxis
search-library-after = { " " }enthält die Maßnahmen, die das Netzwerk als gute Praxis veröffentlicht hat.
search-own-city = Die Maßnahmen Ihrer eigenen Stadt sind enthalten, zusammen mit denen der Städte, deren Seite öffentlich ist.
search-form-label = Maßnahmen
search-words = Suchbegriffe
search-words-hint = In Titeln, Beschreibungen, Dienststellen, Partnern und Städtenamen. Akzente sowie Groß- und Kleinschreibung spielen keine Rolle.
search-sort = Sortieren nach
search-button = Suchen
search-clear = Suche und alle Filter zurücksetzen
search-results = { $first } bis { $last } von { $total ->
    [one] 1 Maßnahme
   *[other] { $total } Maßnahmen
}
search-none = Keine Maßnahmen gefunden
search-narrowed = Eingegrenzt auf:
search-filter = { $heading }: { $label }
search-remove = Entfernen
search-remove-filter-hidden = den Filter { $heading }: { $label }
search-remove-this-hidden = diesen Filter
search-try-fewer = Versuchen Sie es mit weniger oder anderen Wörtern, oder entfernen Sie einen Filter.
search-done = { $progress } % erledigt
search-good-practice = Gute Praxis
search-not-updated-since = Nicht aktualisiert seit { $date }
search-updated = aktualisiert am { $date }
search-as-data = Dieselben Ergebnisse als Daten:
search-api-link = JSON aus der API
search-narrow-heading = Ergebnisse eingrenzen
search-yes = Ja
search-no = Nein

## Sorting
search-sort-relevance = Beste Übereinstimmung
search-sort-recent = Zuletzt aktualisiert
search-sort-title = Titel
search-sort-city = Stadt
search-sort-progress = Fortschritt (höchster zuerst)

## Facets (headings) and the fields named in errors
search-facet-role = Rolle
search-facet-commitment = Verpflichtung
search-facet-policy-area = Politikbereich
search-facet-status = Status
search-facet-delivery = Wie die Stadt sie umsetzt
search-facet-country = Land
search-facet-good-practice = Gute Praxis in einem veröffentlichten Bericht
search-facet-stale = Länger nicht aktualisiert
search-facet-framework = Rahmen
search-field-delivery = Umsetzung
search-field-good-practice = Gute Praxis
search-field-stale = Nicht aktualisiert
search-field-page = Seite
search-field-per-page = Ergebnisse pro Seite
