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

## Von anderen lernen (/cities/{id}/learn)
learn-back = Zurück zum Plan von { $city }
learn-heading = { $city }: von anderen lernen
learn-lead = Wie { $city } im Vergleich mit ähnlichen Städten dasteht und welche Städte dort handeln, wo { $city } es noch nicht tut.
learn-page-context = Kontext
learn-born-abroad = Im Ausland geborene Einwohnerinnen und Einwohner
learn-no-context = Es sind weder Einwohnerzahl noch Anteil der im Ausland Geborenen erfasst, daher wird { $city } nur mit dem ganzen Netzwerk verglichen.
learn-change-context = Einwohnerzahl und Anteil der im Ausland Geborenen ändern
learn-add-context = Einwohnerzahl und Anteil der im Ausland Geborenen eintragen
learn-compares = Wie { $city } dasteht
learn-compare-caption = Abgedeckte Verpflichtungen (mindestens eine nicht abgebrochene Maßnahme) und der mittlere Fortschritt dieser Maßnahmen, je Rolle. Durchschnitte über weniger als { $threshold } Städte werden nicht gezeigt.
learn-col-role = Rolle
learn-col-same-size = Städte Ihrer Größe
learn-col-same-share = Ähnlicher Anteil im Ausland Geborener
learn-col-network = Das Netzwerk
learn-covered-of = { $covered } von { $total }
learn-done = , { $progress } % erledigt
learn-withheld = weniger als { $threshold } Städte
learn-size-band = Städte Ihrer Größe: { $band }.
learn-share-band = Ähnlicher Anteil: { $band }.
learn-sentence = { $sentence }.
learn-sentence-covered = { $covered } von { $total } Verpflichtungen abgedeckt
learn-sentence-same-size = ; Städte Ihrer Größe decken im Durchschnitt { $average } ab
learn-sentence-network = ; die Städte des Netzwerks decken im Durchschnitt { $average } ab
learn-from-heading = Lernen von
learn-from-lead = Für jede Verpflichtung, die { $city } noch nicht abdeckt oder niedrig bewertet, bis zu { $count } Städte, die dazu handeln. Ihre Punktzahl:
learn-weight-completed = { $points } Punkte für jede abgeschlossene Maßnahme zur Verpflichtung
learn-weight-advanced = { $points } Punkt für jede offene Maßnahme, die zu mindestens { $progress } % erledigt ist
learn-weight-good-practice = { $points } Punkte für jede ihrer Maßnahmen, die als gute Praxis veröffentlicht wurde
learn-weight-context = { $size } Punkt für eine Stadt gleicher Größe, { $share } für einen ähnlichen Anteil im Ausland Geborener
learn-weight-recent = { $points } Punkt, wenn eine ihrer Maßnahmen dazu in den letzten { $days } Tagen aktualisiert wurde
learn-why = Warum: { $reasons }.
learn-score = Punktzahl { $score }
learn-part = { $reason }: { $points ->
    [one] { $points } Punkt
   *[other] { $points } Punkte
}
learn-good-practice = Gute Praxis
learn-no-suggestion = Keine Stadt, die Sie sehen können, hat dazu bereits eine Maßnahme abgeschlossen oder vorangebracht.
learn-every-action-on = Alle Maßnahmen zu { $commitment }, die Sie sehen können
learn-covers-all = { $city } deckt jede Verpflichtung ab und bewertet keine niedrig.
learn-explore = Die Maßnahmen des Netzwerks entdecken.
