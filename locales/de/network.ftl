# Das Netzwerk auf einen Blick (templates/pages/network.hbs, partials/network_row.hbs, src/pages/network.rs).

network-title = Das Netzwerk auf einen Blick
network-frameworks-label = Rahmenwerke
network-lead = { $count ->
    [one] 1 Unterzeichnerstadt der { $framework }; { $adopted } mit beschlossenem Aktionsplan.
   *[other] { $count } Unterzeichnerstädte der { $framework }; { $adopted } mit beschlossenem Aktionsplan.
}
network-download = Daten herunterladen
network-download-formats = (Excel oder CSV)
network-import = Städte aus einer Datei importieren
network-pairing = Peer-Review-Paare
network-explore = Die Maßnahmen aller Städte durchsuchen
network-round = Zwischenberichtsrunde
network-round-counts = { $on_time } rechtzeitig gesendet, { $late } verspätet gesendet, { $open } noch offen, { $overdue } überfällig, { $missed } versäumt.
network-no-round = Es wurde noch keine Zwischenberichtsrunde eröffnet.

## The filter
network-filter-label = Städte filtern
network-filter-country = Land
network-filter-plan = Aktionsplan
network-filter-coverage = Abgedeckte Verpflichtungen
network-filter-overdue = Überfällige Maßnahmen
network-filter-check-in = Letzter Zwischenbericht
network-filter-submit = Diese Städte anzeigen
network-filter-every-city = Alle Städte anzeigen
network-any-country = Alle Länder
network-any = Alle
network-plan-adopted = Beschlossener Plan
network-plan-draft = Planentwurf
network-plan-none = Kein Plan
network-coverage-all = Alle Verpflichtungen
network-coverage-some = Einige Verpflichtungen
network-coverage-none = Keine Verpflichtung
network-overdue-yes = Mit überfälligen Maßnahmen
network-overdue-no = Ohne überfällige Maßnahmen
network-outcome-on-time = Rechtzeitig gesendet
network-outcome-late = Verspätet gesendet
network-outcome-open = Noch offen
network-outcome-overdue = Überfällig
network-outcome-missed = Versäumt
network-outcome-not-asked = Nicht angefragt
network-bad-filter = Der Filter { $field } „{ $value }“ ist dieser Seite nicht bekannt; zulässig: { $accepted }
network-bad-country = ein zweistelliger ISO-3166-Code

## The table
network-caption = Abgedeckte Verpflichtungen im Plan jeder Stadt, nach Rolle, und der letzte Zwischenbericht
network-caption-filtered = ({ $shown } von { $count } Städten entsprechen dem Filter)
network-caption-all = { $shown ->
    [one] (1 Stadt)
   *[other] ({ $shown } Städte)
}
network-col-city = Stadt
network-col-overdue = Überfällige Maßnahmen
network-col-stale = Nicht aktualisierte Maßnahmen
network-col-check-in = Zwischenbericht
network-col-check-in-round = Zwischenbericht { $round }
network-cell-all = Alle
network-cell-some = Einige
network-cell-none = Keine
network-cell-covered = { $covered } von { $total }
network-row-draft-plan = Planentwurf
network-row-no-plan = Kein Plan
network-row-not-asked = Nicht angefragt
network-key = „Alle“, „Einige“ und „Keine“ geben an, wie viele Verpflichtungen einer Rolle mindestens eine nicht abgesagte Maßnahme haben. „Nicht aktualisierte Maßnahmen“ zählt laufende Maßnahmen, die seit { $days } Tagen oder länger niemand aktualisiert hat.
network-fewer-pages = Diese Liste hat weniger Seiten:
network-first-page = zur ersten Seite
network-no-match = Keine Stadt entspricht diesem Filter:
network-show-every-city = alle Städte anzeigen
network-empty = Noch keine Stadt hat dieses Rahmenwerk unterzeichnet oder einen Plan dazu begonnen.

## Getting started (an empty network)
network-start-heading = Erste Schritte
network-start-register = Eine Stadt registrieren
network-start-register-after = , mit dem Datum der Unterzeichnung, dann ihre Kontakte hinzufügen: die Personen, die die E-Mails zu den Zwischenberichten erhalten.
network-start-import = Eine Datei importieren
network-start-import-after = mit den Städten und ihren Kontakten, die das Netzwerk bereits in einer Tabelle führt (Excel oder CSV; eine Vorlage steht zum Start bereit).
network-start-invite = Die zuständige Person einer Stadt einladen
network-start-invite-after = zur Bearbeitung für die Stadt, um ihren Aktionsplan zu erfassen.
network-start-demo = Um sich zuerst umzusehen, laden Sie das Demo-Netzwerk in eine leere Datenbank:
network-start-demo-after = (rund vierzig Städte mit erfundenen Plänen, ein Jahr Zwischenberichte und ein veröffentlichter Bericht).

## Shared by the secretariat's lists and forms (src/pages/admin.rs)
network-page-number-bad = Die Seitenzahl „{ $number }“ ist keine ganze Zahl ab 1
# A date and a time of day: "24. November 2026, 10:11 Uhr".
network-date-time = { $date }, { $time } Uhr
