# Learning from peers: a city's context figures and the good-practice library
# (src/pages/learning.rs).

## The city's context
learn-context-title = { $city }: Kontext
learn-context-back = Zurück zu { $city }: Von anderen lernen
learn-context-heading = { $city }: Bevölkerung und im Ausland geborene Einwohner
learn-context-lead = Diese Zahlen ordnen { $city } unter Städten ähnlicher Größe und mit ähnlichem Anteil im Ausland geborener Einwohnerinnen und Einwohner ein. Lassen Sie eine Zahl leer, wenn Sie sie nicht haben.
learn-population = Bevölkerung
learn-population-hint = Die Zahl der Einwohnerinnen und Einwohner, z. B. 350000
learn-population-year = Jahr der Bevölkerungszahl
learn-year-hint = Zum Beispiel 2024
learn-born-abroad-percent = Im Ausland geborene Einwohner, in Prozent
learn-born-abroad-field = Im Ausland geborene Einwohner
learn-born-abroad-percent-hint = Von 0 bis 100, z. B. 23,5
learn-born-abroad-year = Jahr dieser Zahl
learn-source = Quelle
learn-source-hint = Woher die Zahlen stammen, z. B. vom nationalen Statistikamt
learn-save = Speichern
learn-cancel = Abbrechen
learn-must-be-residents = muss eine ganze Zahl von Einwohnern sein, z. B. 350000
learn-must-be-year = muss eine Jahreszahl sein, z. B. 2024
learn-must-be-percent = muss ein Prozentsatz von 0 bis 100 sein, z. B. 23,5
learn-context-saved = Der Kontext der Stadt ist gespeichert.

## The good-practice library
learn-practices-title = Gute Praxis
learn-practices-lead = Maßnahmen, die das Netzwerk in seinen Ergebnisberichten als gute Praxis veröffentlicht hat, in den Worten der Städte.
learn-practices-feed = Neue Beispiele guter Praxis verfolgen (Atom-Feed)
learn-practices-search = Zusammen mit den anderen Maßnahmen des Netzwerks durchsuchen
learn-practices-by-commitment = Nach Verpflichtung
learn-practices-all-count = Alle ({ $count })
learn-practices-report = Bericht { $period }, veröffentlicht am { $date }
learn-practices-none = Es wurde noch keine gute Praxis veröffentlicht. Das Sekretariat kennzeichnet gute Praxis, wenn es einen Ergebnisbericht erstellt.
learn-practices-all = Alle Beispiele guter Praxis
learn-practice-lead = gute Praxis im Ergebnisbericht { $period }
learn-practice-at-publication = Bei Veröffentlichung
learn-practice-done = { $status }, { $progress } % erledigt
learn-practice-published = Veröffentlicht
learn-practice-version = { $date } (Version { $version })
learn-practice-words = In den Worten der Stadt
learn-practice-report = Der Bericht, aus dem sie stammt
learn-practice-action = Die Maßnahme in ihrem heutigen Stand
learn-practice-others = Maßnahmen anderer Städte zu { $commitment }
