# Check-in rounds, one round, opening a round now, the schedule
# (templates/pages/rounds.hbs, round.hbs, round_new.hbs, schedule.hbs; src/pages/rounds.rs).

## The rounds
rounds-title = Zwischenberichtsrunden
rounds-lead = Jede Runde fragt jede Stadt mit beschlossenem Plan, wie ihre Maßnahmen vorangekommen sind. Neueste zuerst.
rounds-schedule-link = Der Zeitplan der Zwischenberichte
rounds-schedule-decides = legt fest, wann Runden eröffnet werden.
rounds-open-now-before = Solange keine Runde offen ist, kann das Sekretariat
rounds-open-now-link = jetzt eine eröffnen
rounds-caption = Zwischenberichtsrunden ({ $total })
rounds-col-round = Runde
rounds-col-period = Zeitraum
rounds-col-due = Fällig
rounds-col-state = Status
rounds-col-on-time = Rechtzeitig
rounds-col-late = Verspätet
rounds-col-missed = Versäumt
rounds-col-not-started = Nicht begonnen
rounds-col-draft = Entwurf gespeichert
rounds-col-to-review = Zu prüfen
rounds-closed = Geschlossen
rounds-open = Offen
rounds-none = Es wurde noch keine Runde eröffnet. Die erste wird eröffnet, wenn der Zeitplan das nächste Mal auslöst.
rounds-open-one-now = Jetzt eine eröffnen
rounds-period-dates = { $start } bis { $end }

## One round
rounds-round-title = Zwischenberichte für { $round }
rounds-period = Zeitraum
rounds-opened = Eröffnet
rounds-due = Fällig
rounds-due-end-of-day = { $date } (Ende des Tages)
rounds-closes = Endet
rounds-closes-when = { $date }, wenn die nächste Runde eröffnet wird
rounds-so-far = Bisher
rounds-so-far-counts = { $on_time } rechtzeitig, { $late } verspätet, { $missed } versäumt, { $open } nicht begonnen, { $draft } mit gespeichertem Entwurf; { $accepted } angenommen
rounds-to-review = { $count } zu prüfen
rounds-caption-check-ins = Der Zwischenbericht jeder Stadt (Zeiten in { $zone })
rounds-col-city = Stadt
rounds-col-submitted = Eingereicht
rounds-col-actions = Aktionen
rounds-extended-reason = Verlängert: { $reason }
rounds-submitted-by = von { $name }
rounds-not-yet = Noch nicht
rounds-extend = Das Fälligkeitsdatum verlängern
rounds-for-city = für { $city }
rounds-contacts = Kontakte
rounds-contacts-in = in { $city }
rounds-no-check-ins = Als diese Runde eröffnet wurde, hatte keine Stadt einen beschlossenen Plan; sie hat daher keine Zwischenberichte.
rounds-extend-heading = Ein Fälligkeitsdatum verlängern
rounds-extend-lead = Geben Sie einer Stadt mehr Zeit und nennen Sie den Grund. Das neue Datum muss nach dem aktuellen und vor dem Ende der Runde liegen; die Erinnerungen der Stadt richten sich nach dem neuen Datum.
rounds-extend-legend = { $city }, fällig am { $due }
rounds-new-due = Neues Fälligkeitsdatum
rounds-new-due-hint = Im Format JJJJ-MM-TT, zum Beispiel 2026-07-15. Die Stadt kann bis zum Ende dieses Tages einreichen.
rounds-reason = Grund
rounds-reason-hint = Zur Dokumentation, z. B. „Kommunalwahlen im Mai“.
rounds-new-due-for = Neues Fälligkeitsdatum für { $city }
rounds-reason-for = Grund der Verlängerung für { $city }
rounds-back = Zurück zu den Runden
rounds-extended = { $city } hat jetzt bis { $date } Zeit, den Zwischenbericht einzureichen. Die Erinnerungen richten sich nach dem neuen Datum.
rounds-conflict = jemand anderes hat eine Änderung an diesem Zwischenbericht gespeichert, nachdem Sie diese Seite geöffnet haben; Ihre Änderungen wurden daher nicht gespeichert. Sie stehen noch im Formular: Vergleichen Sie sie mit den gespeicherten Angaben (öffnen Sie die Seite erneut, um diese zu sehen) und speichern Sie noch einmal
rounds-no-round = Es gibt keine Zwischenberichtsrunde mit der ID { $id }
rounds-no-check-in = Runde { $round } hat keinen Zwischenbericht mit der ID { $id }

## A check-in's state in a round
rounds-state-submitted-late = Verspätet eingereicht
rounds-state-submitted = Rechtzeitig eingereicht
rounds-state-resubmitted = Erneut eingereicht, zu prüfen
rounds-state-changes-requested = Änderungen angefordert
rounds-state-accepted-late = Angenommen, verspätet gesendet
rounds-state-accepted = Angenommen
rounds-state-missed = Versäumt
rounds-state-draft-overdue = Entwurf gespeichert, überfällig
rounds-state-draft = Entwurf gespeichert
rounds-state-extended-overdue = Verlängert, überfällig
rounds-state-extended = Verlängert
rounds-state-overdue = Überfällig
rounds-state-not-started = Nicht begonnen

## Opening a round now
rounds-new-title = Jetzt eine Zwischenberichtsrunde eröffnen
rounds-new-lead = Eine Runde fragt jede Stadt mit beschlossenem Aktionsplan, wie ihre Maßnahmen vorangekommen sind. Diese wird jetzt eröffnet, statt auf den Zeitplan zu warten.
rounds-new-round = Runde
rounds-new-period = Abgedeckter Zeitraum
rounds-new-last-day = Letzter Tag für die Antwort
rounds-new-closes = Endet
rounds-new-closes-when = { $date }, wenn der Zeitplan die nächste Runde eröffnet
rounds-new-emails = E-Mails
rounds-new-emails-detail = { $count } jetzt, an die unten genannten Kontakte, jeweils mit einem Link zum Formular ihrer Stadt
rounds-new-cities-label = Städte, die diese Runde fragt
rounds-new-cities-caption = { $count ->
    [one] Die Stadt, die diese Runde fragt
   *[other] Die { $count } Städte, die diese Runde fragt
}
rounds-new-col-contacts = Angeschriebene Kontakte
rounds-new-nobody = Niemand
rounds-new-nobody-detail = kein Kontakt erhält Erinnerungen; die Stadt kann nach der Anmeldung antworten
rounds-new-submit = { $count ->
    [one] Die Runde eröffnen und 1 E-Mail senden
   *[other] Die Runde eröffnen und { $count } E-Mails senden
}
rounds-cancel = Abbrechen
rounds-new-back = Zurück zu den Zwischenberichtsrunden
rounds-opened-notice = Die Runde { $round } ist eröffnet, und ihre E-Mails sind an die Kontakte der Städte unterwegs.
rounds-not-now-open = Die Runde { $round } ist noch bis { $date } offen; die nächste Runde wird nach ihrem Ende gemäß dem Zeitplan eröffnet.
rounds-not-now-no-cities = Noch keine Stadt hat einen beschlossenen Aktionsplan, eine Runde würde also niemanden fragen; eine Runde fragt die Städte mit beschlossenem Plan.
rounds-not-now-empty = Eine Runde deckt bereits die Tage bis gestern ab (eine neue würde den { $date } bis gestern abdecken, also keinen Tag); die nächste Runde wird gemäß dem Zeitplan eröffnet.

## The schedule
rounds-schedule-title = Zeitplan der Zwischenberichte
rounds-schedule-lead = Wenn der Zeitplan auslöst, wird für jede Stadt mit beschlossenem Plan eine Zwischenberichtsrunde eröffnet. Jede Runde ist { $days } Tage nach ihrer Eröffnung fällig und endet, wenn die nächste eröffnet wird.
rounds-schedule = Zeitplan
rounds-time-zone = Zeitzone
rounds-set-by = Festgelegt durch
rounds-set-by-secretariat = Das Netzwerksekretariat, auf dieser Seite
rounds-set-by-file = Die Konfigurationsdatei
rounds-next-heading = Die nächsten Runden werden eröffnet am
rounds-next-none = Der Zeitplan löst nicht mehr aus.
rounds-change-heading = Den Zeitplan ändern
rounds-expression-hint = Ein Cron-Ausdruck mit 5 Feldern: Minute, Stunde, Tag des Monats, Monat, Wochentag. Zum Beispiel bedeutet „0 0 1 1,4,7,10 *“ Mitternacht am 1. Januar, April, Juli und Oktober; „0 9 1 * *“ 9:00 Uhr am Ersten jedes Monats.
rounds-time-zone-hint = Der Ort, nach dessen Uhr sich der Zeitplan richtet, als IANA-Name, z. B. Europe/Berlin, Europe/Brussels, UTC.
rounds-change-submit = Den Zeitplan ändern
rounds-schedule-error-label = Der Zeitplan
rounds-time-zone-error-label = Die Zeitzone
rounds-schedule-changed = Der Zeitplan der Zwischenberichte wurde geändert.
rounds-schedule-changed-next = Der Zeitplan der Zwischenberichte wurde geändert. Die nächste Runde wird am { $when } ({ $zone }) eröffnet.
rounds-schedule-conflict = jemand anderes hat eine Änderung am Zeitplan gespeichert, nachdem Sie diese Seite geöffnet haben; Ihre Änderungen wurden daher nicht gespeichert. Sie stehen noch im Formular: Vergleichen Sie sie mit den gespeicherten Angaben (öffnen Sie die Seite erneut, um diese zu sehen) und speichern Sie noch einmal
