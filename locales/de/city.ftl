# A city's page, its list of check-ins and its calendar address (src/pages/city.rs,
# check_ins.rs, calendar.rs).

## The city's page
city-title-full = { $city }: Aktionsplan
city-title-public = { $city }: öffentliche Seite
city-public-page-hidden = öffentliche Seite
city-lead-full = Aktionsplan und Fortschritte im Rahmen der Charta für integrierende Städte.
city-lead-public = Wie { $city } als Unterzeichnerstadt seine Verpflichtungen umsetzt.
city-country = Land
city-signed = Unterzeichnet
city-signed-on = { $framework } am { $date }
city-no-signature = Keine Unterzeichnung erfasst
city-public-page = Öffentliche Seite
city-public-yes = Ja: Alle können den Plan und seine Fortschritte sehen
city-public-no = Nein: Nur das Netzwerk kann diese Seite sehen
city-check-in-heading = Zwischenbericht
city-check-in-due = Der Zwischenbericht für { $round } ist bis { $date } fällig.
city-check-in-fill = Zwischenbericht ausfüllen
city-check-in-fill-hidden = für { $round }
city-no-check-in-open = Derzeit ist kein Zwischenbericht offen.
city-last-round = Letzte Runde, { $round }:
city-next-round = Die nächste Runde beginnt am { $date }.
city-link-check-ins = Alle Zwischenberichte von { $city }
city-link-contacts = Kontakte, die Erinnerungen erhalten
city-link-calendar = Kalender der Fristen
city-link-verification = Selbsteinschätzung und Überprüfung
city-link-learn = Mit ähnlichen Städten vergleichen und voneinander lernen
city-overdue-heading = Überfällige Maßnahmen
city-overdue-intro = Diese Maßnahmen haben ihre Frist überschritten und sind nicht abgeschlossen.
city-due = fällig am { $date }
city-tag-overdue = Überfällig
city-verification-heading = Selbsteinschätzung und Überprüfung
city-verification-caption = Die neueste Einschätzung der Stadt zu ihren Verpflichtungen neben dem, was das Sekretariat überprüft hat
city-verification-commitment = Verpflichtung
city-verification-city-view = Einschätzung der Stadt
city-verification-verified = Überprüft
city-not-assessed = Nicht eingeschätzt
city-differs = Weicht ab
city-not-verified = Nicht überprüft
city-verification-link = Alle Verpflichtungen mit Anmerkungen und Nachweisen
city-stale-heading = Maßnahmen, die seit einiger Zeit niemand aktualisiert hat
city-stale-intro = { $days ->
    [one] Diese Maßnahmen sind noch offen und wurden seit mindestens 1 Tag nicht aktualisiert. Aktualisieren Sie Status und Fortschritt oder markieren Sie sie als abgeschlossen oder abgebrochen.
   *[other] Diese Maßnahmen sind noch offen und wurden seit mindestens { $days } Tagen nicht aktualisiert. Aktualisieren Sie Status und Fortschritt oder markieren Sie sie als abgeschlossen oder abgebrochen.
}
city-last-updated = zuletzt aktualisiert am { $date }
city-tag-not-updated = Nicht aktualisiert
city-plan-adopted = Beschlossen am { $date }
city-plan-draft = Entwurf
city-plan-period = { $start } bis { $end }
city-plan-document = Das Plandokument
city-plan-coverage = { $covered } von { $total }
city-plan-coverage-after = { $total ->
    [one] Verpflichtung hat mindestens eine Maßnahme
   *[other] Verpflichtungen haben mindestens eine Maßnahme
} ({ $actions ->
    [one] insgesamt 1 Maßnahme
   *[other] insgesamt { $actions } Maßnahmen
}).
city-add-action = Maßnahme hinzufügen
city-add-action-hidden = zu { $plan }
city-change-plan = Angaben zum Plan ändern
city-change-plan-hidden = : { $plan }
city-import-actions = Maßnahmen aus einer Datei importieren
city-import-actions-hidden = in { $plan }
city-uncovered = Verpflichtungen noch ohne Maßnahme ({ $count })
city-role-table = { $plan }: Verpflichtungen als { $role } und ihre Maßnahmen
city-commitment-column = Verpflichtung
city-actions-column = Maßnahmen
city-retired = Entfallen
city-not-updated-since = Nicht aktualisiert seit { $date }
city-no-action-yet = Noch keine Maßnahme.
city-add-one = Eine hinzufügen
city-add-one-hidden = unter { $code }
city-no-plan-heading = Aktionsplan
city-no-plan = { $city } hat noch keinen Aktionsplan.
city-start-plan = Neuen Aktionsplan beginnen
city-peer-reviews-heading = Peer-Reviews und Empfehlungen
city-peer-reviews-intro = Andere Städte haben die Arbeit von { $city } zu einigen Verpflichtungen begutachtet. Was aus jeder Empfehlung wurde:
city-peer-review-by = Peer-Review durch { $reviewers }
city-peer-review-visit = Besuch: { $visit }. Verpflichtungen: { $commitments }.
city-recommendation-became = Wurde zu
city-no-recommendation = Noch keine Empfehlung erfasst.

## A city's check-ins
city-check-ins-title = { $city }: Zwischenberichte
city-check-ins-back = Zurück zum Plan von { $city }
city-check-ins-heading = { $city }: Zwischenberichte
city-check-ins-intro = Das Netzwerk fragt jede Stadt mit beschlossenem Plan einmal pro Runde, wie ihre Maßnahmen vorankommen. Die Erinnerungen enden, sobald der Zwischenbericht eingereicht ist.
city-check-ins-caption = Zwischenberichte von { $city }, neueste zuerst
city-check-ins-round = Runde
city-check-ins-due = Fällig bis
city-check-ins-state = Status
city-check-ins-submitted = Eingereicht
city-check-ins-fill-hidden = : Zwischenbericht ausfüllen
city-check-ins-extended = (verlängert: { $reason })
city-check-ins-by = , von { $name }
city-check-ins-none = Von { $city } wurde noch kein Zwischenbericht angefordert. Der erste kommt mit der nächsten Runde nach dem Beschluss des Plans.

## The calendar address
city-calendar-title = Kalender von { $city }
city-calendar-lead = Verfolgen Sie die Fristen der Zwischenberichte von { $city } (mit allen Verlängerungen) und die Fristen der offenen Maßnahmen in Ihrem Bürokalender (Outlook, Google Kalender, Apple Kalender, Thunderbird).
city-calendar-new-heading = Ihre neue Kalenderadresse
city-calendar-new-intro = Kopieren Sie diese Adresse jetzt: Sie wird nur dieses eine Mal angezeigt. Wählen Sie in Ihrer Kalender-App „Kalender aus dem Internet abonnieren“ (oder „Kalender per URL hinzufügen“) und fügen Sie sie ein.
city-calendar-address = Kalenderadresse
city-calendar-anyone = Wer diese Adresse hat, kann diese Termine ohne Anmeldung lesen. Geben Sie sie nur an Personen weiter, die sie brauchen.
city-calendar-in-use = Die verwendete Adresse
city-calendar-made = Erstellt am { $date } um { $time } Uhr von { $by }. Sie funktioniert, bis Sie eine neue erstellen oder sie widerrufen.
city-calendar-remake = Neue Adresse erstellen
city-calendar-remake-hidden = (die alte funktioniert dann nicht mehr)
city-calendar-revoke = Adresse widerrufen
city-calendar-replaces = Eine neue Adresse ersetzt die alte: Kalender, die die alte abonniert haben, werden nicht mehr aktualisiert.
city-calendar-none = { $city } hat keine Kalenderadresse.
city-calendar-none-yet = { $city } hat noch keine Kalenderadresse.
city-calendar-make = Kalenderadresse erstellen
city-calendar-back = Zurück zu { $city }
city-calendar-revoked = Die Kalenderadresse ist widerrufen: Kalender, die sie abonniert haben, werden nicht mehr aktualisiert.

city-charter-unofficial = Die Rollen und Verpflichtungen der Charta werden in einer inoffiziellen Übersetzung gezeigt; die Charta wurde auf Englisch verabschiedet.
