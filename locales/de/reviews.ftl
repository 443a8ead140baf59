# Die Prüfung der Zwischenberichte durch das Netzwerksekretariat: die Warteliste (/reviews) und
# die Prüfung eines Zwischenberichts (/check-ins/{id}/review).

## Die Warteliste
review-queue-title = Zu prüfende Zwischenberichte
review-queue-heading = Zu prüfende Zwischenberichte
review-queue-lead = Jeder Zwischenbericht, den eine Stadt einreicht, wartet hier, bis Sie ihn annehmen oder Änderungen anfordern. Der am längsten wartende steht oben.
review-queue-region = Zwischenberichte, die auf Prüfung warten
review-queue-caption = { $count ->
    [one] { $count } wartet auf Prüfung
   *[other] { $count } warten auf Prüfung
}
review-queue-col-city = Stadt
review-queue-col-round = Runde
review-queue-col-state = Stand
review-queue-col-since = Wartet seit
review-queue-col-review = Prüfen
# Wie lange ein Zwischenbericht schon wartet, in ganzen Tagen.
review-queue-days = { $days ->
    [0] heute
    [one] 1 Tag
   *[other] { $days } Tage
}
review-queue-review = Prüfen
review-queue-review-hidden = (Zwischenbericht von { $city } für { $round })
review-queue-none = Nichts wartet: Jeder eingereichte Zwischenbericht wurde geprüft.

## Die Prüfung eines Zwischenberichts
review-title = Prüfung: { $city }, { $round }
review-heading = Prüfung: { $city }, { $round }
review-state = Stand
review-submitted = Eingereicht
review-when-by = { $when } von { $by }
review-events-heading = Bisheriger Verlauf
review-event-submitted = Eingereicht
review-event-changes-requested = Änderungen angefordert
review-event-resubmitted = Erneut eingereicht
review-event-accepted = Angenommen
review-event-when-by = { $when }, von { $by }
review-reported-heading = Was die Stadt berichtet hat
review-no-actions = Der Zwischenbericht berichtet über keine Maßnahme.
review-action-status = Status
review-action-not-reported = Nicht berichtet
review-action-narrative = Was geschehen ist
review-action-evidence = Nachweise
review-action-comment = Kommentar zu „{ $title }“ (optional)
review-assessments-heading = Die Sicht der Stadt auf ihre Verpflichtungen
review-decision-heading = Ihre Entscheidung
review-decision-legend = Wie entscheiden Sie?
review-decision-accept = Annehmen
review-decision-accept-hint = Er geht unverändert in den Ergebnisbericht ein.
review-decision-changes = Änderungen bei der Stadt anfordern
review-decision-changes-hint = Die Kontaktpersonen der Stadt erhalten Ihre Kommentare per E-Mail mit einem Link zu ihrem Formular, das dann auch nach Ende der Runde funktioniert.
review-comment = Kommentar zum gesamten Zwischenbericht
review-comment-hint = Erforderlich, wenn Sie Änderungen anfordern, außer Sie haben oben eine Maßnahme kommentiert. Die Kontaktpersonen der Stadt erhalten ihn per E-Mail mit einem Link zu ihrem Formular.
review-send = Entscheidung senden
review-cancel = Abbrechen
# Die Namen der Felder, wie das Formular sie zeigt, für die Fehlermeldungen.
review-field-action-comment = Kommentar zu „{ $title }“
review-field-decision = Entscheidung
review-field-comment = Kommentar zum gesamten Zwischenbericht
review-accepted-notice = Der Zwischenbericht von { $city } für { $round } ist angenommen.
review-changes-notice = { $city } wurde um Änderungen gebeten; die Kontaktpersonen haben Ihre Kommentare per E-Mail erhalten.
