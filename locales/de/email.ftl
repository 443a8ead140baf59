# E-Mails (templates/email/). Die Werte kommen bereits in der Sprache des Kontakts formatiert:
# Namen, Daten ($due, $expires, $updated) und Zeiträume ($period, $round). Kein HTML.

## Für alle E-Mails
email-lang = de
email-dear = Guten Tag { $name },
email-hello = Guten Tag,
email-regards = Mit freundlichen Grüßen
email-with-thanks = Vielen Dank und freundliche Grüße
email-signature = Das Netzwerksekretariat von { $network }
email-button-fallback = Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:
email-note-contact = Sie erhalten diese E-Mail, weil Ihre Adresse als Kontakt Ihrer Stadt für die Charta eingetragen ist.
email-open-update-form = Formular öffnen
email-open-update-form-text = Zum Formular:
email-draft-saved = Wenn Sie bereits begonnen haben, ist Ihr Entwurf gespeichert und Sie können dort weitermachen, wo Sie aufgehört haben.

## round_opened
email-round-opened-subject = Zwischenbericht { $period } zur Charta für { $city }: bitte bis { $due } ausfüllen
email-round-opened-title = Ihr Zwischenbericht zur Charta ist eröffnet
email-round-opened-heading = Der Zwischenbericht { $period } ist eröffnet
email-round-opened-intro = Die Runde der Zwischenberichte { $period } ist eröffnet. Bitte teilen Sie uns bis { $due } mit, wie die Stadt { $city } mit ihren Verpflichtungen aus der Charta vorankommt.
email-round-opened-single-page = Der Bericht umfasst nur eine Seite. Sie können ihn als Entwurf speichern und jederzeit vor dem Abgabetermin daran weiterarbeiten.
email-round-opened-private = Dieser Link ist nur für Sie und Ihre Kolleginnen und Kollegen bestimmt. Bitte geben Sie ihn nicht außerhalb Ihrer Verwaltung weiter.
email-round-opened-late-heading = Was passiert, wenn der Bericht verspätet ist
email-round-opened-late = Wenn er bis { $due } nicht bei uns eingegangen ist, senden wir Ihnen eine Erinnerung, und das Netzwerksekretariat meldet sich vielleicht, um zu sehen, ob wir helfen können. Fehlt er beim Abschluss der Runde noch immer, wird { $city } in der Übersicht der Runde für { $period } als „kein Bericht eingegangen“ geführt.
email-round-opened-late-text = Was passiert, wenn der Bericht verspätet ist: Wenn er bis { $due } nicht bei uns eingegangen ist, senden wir Ihnen eine Erinnerung, und das Netzwerksekretariat meldet sich vielleicht, um zu sehen, ob wir helfen können. Fehlt er beim Abschluss der Runde noch immer, wird { $city } in der Übersicht der Runde für { $period } als „kein Bericht eingegangen“ geführt.
email-round-opened-wrong-person = Wenn Sie nicht mehr die richtige Ansprechperson sind, teilen Sie uns bitte mit, wer es ist, damit wir unsere Angaben aktualisieren können.

## due_soon
email-due-soon-subject = Erinnerung: Der Zwischenbericht { $period } für { $city } ist { $days ->
    [0] heute fällig
    [one] in { $days } Tag fällig
   *[other] in { $days } Tagen fällig
}
email-due-soon-title = Erinnerung: Ihr Zwischenbericht zur Charta ist bald fällig
email-due-soon-heading = Ihr Zwischenbericht { $period } ist { $days ->
    [0] heute fällig
    [one] in { $days } Tag fällig
   *[other] in { $days } Tagen fällig
}
email-due-soon-intro = Eine freundliche Erinnerung: Der Zwischenbericht { $period } für { $city } ist am { $due } fällig, { $days ->
    [0] also heute
    [one] also in { $days } Tag
   *[other] also in { $days } Tagen
}.
email-due-soon-already-sent = Wenn Sie Ihren Bericht bereits gesendet haben, vielen Dank; dann können Sie diese Nachricht ignorieren.

## overdue
email-overdue-subject = { $city }: Ihr Zwischenbericht { $period } ist noch nicht eingegangen
email-overdue-title = Ihr Zwischenbericht zur Charta ist noch nicht bei uns eingegangen
email-overdue-heading = Ihr Zwischenbericht { $period } ist noch nicht eingegangen
email-overdue-intro = Soweit wir sehen, ist der Zwischenbericht { $period } für { $city } noch nicht bei uns eingegangen. Er war am { $due } fällig, vor { $days ->
    [one] { $days } Tag
   *[other] { $days } Tagen
}.
email-overdue-priorities = Wir wissen, dass diese Berichte mit vielen anderen Aufgaben konkurrieren. Bitte füllen Sie ihn nach Möglichkeit in den nächsten Tagen aus.
email-overdue-priorities-text = Wir wissen, dass diese Berichte mit vielen anderen Aufgaben konkurrieren. Bitte füllen Sie ihn nach Möglichkeit in den nächsten Tagen aus:
email-overdue-help = Wenn etwas im Weg steht, zum Beispiel weil Sie mehr Zeit brauchen oder nicht mehr die richtige Ansprechperson sind, sagen Sie uns einfach Bescheid, und wir finden gemeinsam eine Lösung.
email-overdue-already-sent = Wenn Sie Ihren Bericht inzwischen gesendet haben, vielen Dank; dann können Sie diese Nachricht ignorieren.

## escalation_digest
email-escalation-subject = Noch fehlende Zwischenberichte { $round }: { $count }
email-escalation-title = Noch fehlende Zwischenberichte
email-escalation-heading = Noch fehlende Zwischenberichte { $round }
email-escalation-intro = Diese Städte haben ihren Zwischenbericht { $round }, der am { $due } fällig war, noch nicht gesendet. Wo die automatischen Erinnerungen nicht gewirkt haben, kann eine persönliche Nachricht des Netzwerksekretariats helfen.
email-escalation-caption = Städte mit verspätetem Zwischenbericht
email-escalation-col-city = Stadt
email-escalation-col-days-late = Tage im Verzug
email-escalation-col-contacts = Kontakte
email-escalation-days-late = { $city }: { $days ->
    [one] { $days } Tag
   *[other] { $days } Tage
} im Verzug.
email-escalation-contacts = Kontakte:
email-escalation-no-contacts = keine eingetragen
email-escalation-none-late = Zurzeit ist keine Stadt im Verzug.
email-escalation-stale = Außerdem: In { $cities ->
    [one] { $cities } Stadt
   *[other] { $cities } Städten
} { $actions ->
    [one] wurde { $actions } offene Maßnahme
   *[other] wurden { $actions } offene Maßnahmen
} lange nicht aktualisiert; die Netzwerkübersicht zählt sie je Stadt.
email-escalation-button = Übersicht der Runde öffnen
email-escalation-overview-text = Die Übersicht der Runde, mit den Kontaktangaben jeder Stadt:
email-escalation-note = Diese Übersicht sendet der Charta-Tracker automatisch an das Netzwerksekretariat.

## round_closed
email-round-closed-subject = Runde { $round } abgeschlossen: { $on_time } pünktlich, { $late } verspätet, { $missed } ohne Bericht
email-round-closed-title = Runde der Zwischenberichte abgeschlossen
email-round-closed-heading = Die Runde der Zwischenberichte { $round } ist abgeschlossen
email-round-closed-intro = Die Runde der Zwischenberichte { $round } ist abgeschlossen. Abgabetermin war der { $due }. Hier das Ergebnis.
email-round-closed-on-time = Pünktlich ({ $count })
email-round-closed-on-time-text = Pünktlich ({ $count }):
email-round-closed-late = Verspätet, nach dem Abgabetermin gesendet ({ $count })
email-round-closed-late-text = Verspätet, nach dem Abgabetermin gesendet ({ $count }):
email-round-closed-missed = Kein Bericht eingegangen ({ $count })
email-round-closed-missed-text = Kein Bericht eingegangen ({ $count }):
email-round-closed-none = keine
email-round-closed-button = Ergebnis der Runde öffnen
email-round-closed-summary-text = Das vollständige Ergebnis der Runde:
email-round-closed-note = Diese Zusammenfassung sendet der Charta-Tracker automatisch an das Netzwerksekretariat.

## password_reset
email-password-reset-subject = Passwort für den Charta-Tracker von { $network } zurücksetzen
email-password-reset-title = Passwort zurücksetzen
email-password-reset-intro = Wir haben eine Anfrage erhalten, das Passwort Ihres Kontos zurückzusetzen. Über die Schaltfläche unten können Sie ein neues Passwort wählen.
email-password-reset-intro-text = Wir haben eine Anfrage erhalten, das Passwort Ihres Kontos zurückzusetzen. Um ein neues Passwort zu wählen, öffnen Sie diesen Link:
email-password-reset-button = Neues Passwort wählen
email-password-reset-valid = Dieser Link ist gültig bis { $expires }. Danach können Sie auf der Anmeldeseite einen neuen anfordern.
email-password-reset-ignore = Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren: Ihr Passwort bleibt unverändert.
email-password-reset-note = Zu Ihrer Sicherheit fragen wir Sie niemals per E-Mail nach Ihrem Passwort.

## invitation
email-invitation-subject = Ihr Konto im Charta-Tracker von { $network }
email-invitation-title = Ihr Konto im Charta-Tracker
email-invitation-intro = Für Sie wurde ein Konto im Charta-Tracker von { $network } angelegt. Dort führen die Unterzeichnerstädte ihren Aktionsplan zur Charta der integrierenden Städte und berichten über ihre Fortschritte.
email-invitation-choose-text = Wählen Sie zu Beginn Ihr Passwort über diesen Link:
email-invitation-button = Passwort wählen
email-invitation-sign-in = Danach melden Sie sich mit Ihrer E-Mail-Adresse an: { $email }. Der Link ist gültig bis { $expires }; danach bitten Sie das Netzwerksekretariat um einen neuen oder nutzen „Passwort vergessen?“ auf der Anmeldeseite.
email-invitation-note = Sie erhalten diese E-Mail, weil das Netzwerksekretariat ein Konto für Sie angelegt hat. Wenn Sie das nicht erwartet haben, können Sie sie ignorieren.

## report_compiled
email-report-compiled-subject = Entwurf des Ergebnisberichts { $period } zur Durchsicht: { $framework }
email-report-compiled-title = Entwurf des Ergebnisberichts bereit
email-report-compiled-heading = Der Entwurf des Ergebnisberichts { $period } ist bereit
email-report-compiled-intro = Der Zeitraum { $period } ist zu Ende. Der Charta-Tracker hat daher aus den Angaben der Städte einen Entwurf des Ergebnisberichts für „{ $framework }“ erstellt (Version { $version }).
email-report-compiled-review = Bitte lesen Sie ihn, markieren Sie die gute Praxis, die Sie hervorheben möchten, und veröffentlichen Sie ihn, wenn er fertig ist. Bis zur Veröffentlichung ist nichts öffentlich.
email-report-compiled-button = Entwurf lesen
email-report-compiled-draft-text = Der Entwurf:
email-report-compiled-note = Diese E-Mail sendet der Charta-Tracker am Ende jedes Berichtszeitraums automatisch an das Netzwerksekretariat.

## changes_requested
email-changes-subject = { $city }: Das Netzwerksekretariat hat eine Frage zu Ihrem Zwischenbericht { $round }
email-changes-title = Eine Frage zu Ihrem Zwischenbericht zur Charta
email-changes-heading = Eine Frage zu Ihrem Zwischenbericht { $round }
email-changes-intro = Vielen Dank für den Zwischenbericht { $round } für { $city }. Bevor wir ihn in den Bericht des Netzwerks aufnehmen, bitten wir Sie, sich einige Punkte noch einmal anzusehen.
email-changes-about-actions = Zu Ihren Maßnahmen:
email-changes-action-comment = { $title }: { $comment }
email-changes-saved = Ihre Antworten sind im Formular gespeichert; ändern Sie, was nötig ist, und senden Sie es erneut.
email-changes-saved-text = Ihre Antworten sind im Formular gespeichert; ändern Sie, was nötig ist, und senden Sie es erneut:
email-changes-button = Zwischenbericht öffnen
email-changes-link-valid = Der Link ist 30 Tage lang gültig, auch nach dem Abschluss der Runde. Wenn etwas unklar ist, antworten Sie einfach auf diese E-Mail.

## stale_actions
email-stale-subject = { $city }: Maßnahmen in Ihrem Aktionsplan, die aktualisiert werden sollten
email-stale-title = Maßnahmen, die aktualisiert werden sollten
email-stale-intro = Einige Maßnahmen im Aktionsplan von { $city } zur Charta sind noch offen, wurden aber seit { $days } Tagen oder länger von niemandem aktualisiert:
email-stale-item = { $title } ({ $commitment }), zuletzt aktualisiert am { $updated }:
email-stale-item-after-link = ({ $commitment }), zuletzt aktualisiert am { $updated }
email-stale-please = Bitte aktualisieren Sie Status und Fortschritt oder markieren Sie sie als abgeschlossen oder abgebrochen, wenn das ihrem Stand entspricht.
email-stale-please-text = Bitte aktualisieren Sie Status und Fortschritt oder markieren Sie sie als abgeschlossen oder abgebrochen, wenn das ihrem Stand entspricht. Die Seite der Stadt listet sie ebenfalls auf:
email-stale-button = Seite der Stadt öffnen
email-stale-monthly = Sie erhalten diese Erinnerung höchstens einmal im Monat, solange Maßnahmen auf eine Aktualisierung warten.
