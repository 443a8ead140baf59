# Peer-Reviews: die Liste (/peer-reviews), das Formular zum Erfassen oder Ändern, die Übersicht
# mit den Empfehlungen und den Antworten der Gastgeberstadt, eine Empfehlung als Maßnahme
# übernehmen (/recommendations/{id}/action) und die Paarbildung des Sekretariats (/network/pairing).

## Wörter, die mehrere Seiten verwenden
peer-state-planned = Geplant
peer-state-visited = Besuch erfolgt
peer-state-reported = Bericht erstellt
peer-state-closed = Abgeschlossen
peer-response-accepted = Angenommen
peer-response-partly = Teilweise angenommen
peer-response-not-accepted = Nicht angenommen
peer-response-none = Noch keine Antwort
# Ein Besuch über mehrere Tage.
peer-visit-range = { $from } bis { $to }
peer-visit-not-set = noch nicht festgelegt
peer-host = Gastgeberstadt
peer-framework = Rahmenwerk
peer-commitments = Betrachtete Verpflichtungen

## Die Liste
peer-list-title = Peer-Reviews
peer-list-heading = Peer-Reviews
peer-list-lead = Städte prüfen gegenseitig ihre Arbeit an den Verpflichtungen der Charta: die Feststellungen, die Empfehlungen und was die Gastgeberstadt jeweils daraus gemacht hat.
peer-list-record = Peer-Review erfassen
peer-list-caption = Peer-Reviews, der letzte Besuch zuerst
peer-list-col-host = Gastgeberstadt
peer-list-col-reviewers = Geprüft von
peer-list-col-commitments = Verpflichtungen
peer-list-col-visit = Besuch
peer-list-col-state = Stand
peer-list-col-recommendations = Empfehlungen
peer-list-review-hidden = Peer-Review { $id }
peer-list-recommendation-count = { $count } ({ $responded } mit Antwort)
peer-list-none = Es ist noch kein Peer-Review erfasst.
peer-list-none-secretariat = Es ist noch kein Peer-Review erfasst. Erfassen Sie eines, oder beginnen Sie mit den Vorschlägen der Paarbildung.

## Ein Peer-Review
peer-record-title = Peer-Review von { $host }
peer-all = Alle Peer-Reviews
peer-reviewed-by = Geprüft von
peer-visit = Besuch
peer-report = Bericht
peer-report-not-yet = Noch nicht geschrieben
peer-team = Prüfteam
peer-team-none = Noch niemand erfasst
peer-team-hidden = Sichtbar für das Sekretariat und die beteiligten Städte
peer-change = Peer-Review ändern: Daten, Stand, Team, Feststellungen, Zusammenfassung
peer-summary-heading = Zusammenfassung
peer-agreed-tag = Zur Veröffentlichung freigegeben
peer-agreed-by = von { $by } am { $on }.
peer-summary-public = Alle können sie unter dieser Adresse lesen.
peer-summary-public-later = Sie wird öffentlich, sobald { $host } eine öffentliche Seite hat.
peer-not-agreed-tag = Nicht zur Veröffentlichung freigegeben
peer-not-agreed = Nur das Netzwerk sieht sie, bis die Gastgeberstadt zustimmt.
peer-withdraw = Zustimmung zur Veröffentlichung zurückziehen
peer-agree = Veröffentlichung der Zusammenfassung zustimmen
peer-no-summary = Noch keine Zusammenfassung.
peer-findings = Feststellungen
peer-findings-none = Noch keine erfasst.
peer-recommendations = Empfehlungen
peer-recommendations-none = Keine.
peer-rec-when-by = { $when } von { $by }
peer-rec-became = Wurde zur Maßnahme
peer-rec-became-quoted = Wurde zur Maßnahme „{ $title }“
peer-response-legend = Antwort von { $host }
peer-response-note = Anmerkung zur Antwort (optional)
peer-response-change = Antwort ändern
peer-response-record = Antwort erfassen
peer-response-hidden = (Empfehlung { $id })
peer-to-action = Als Maßnahme übernehmen
peer-to-action-hidden = Empfehlung { $id }
peer-add-heading = Eine Empfehlung hinzufügen
peer-add-commitment = Verpflichtung
peer-choose-commitment = Wählen Sie eine Verpflichtung
peer-add-text = Empfehlung
peer-add-button = Empfehlung hinzufügen
peer-field-commitment = Verpflichtung
peer-field-recommendation = Empfehlung
peer-recommendation-added-notice = Die Empfehlung zu { $commitment } ist hinzugefügt.
peer-agreed-notice = Die Zustimmung der Gastgeberstadt zur Veröffentlichung der Zusammenfassung ist erfasst.
peer-withdrawn-notice = Die Zustimmung zur Veröffentlichung der Zusammenfassung ist zurückgezogen.
peer-response-notice = Die Antwort auf die Empfehlung zu { $commitment } ist erfasst: { $response }.

## Ein Peer-Review erfassen oder ändern
peer-form-record-title = Peer-Review erfassen
peer-form-change-title = Peer-Review von { $host } ändern
peer-form-choose-host = Wählen Sie die Gastgeberstadt
peer-form-reviewers = Prüfende Städte
peer-form-reviewers-hint = Eine oder mehrere Städte außer der Gastgeberstadt.
peer-form-commitments-hint = Die Verpflichtungen aus dem Rahmenwerk des Peer-Reviews, die es betrachtet.
peer-form-state = Stand
peer-form-state-hint = Ein Peer-Review geht nur vorwärts: „Besuch erfolgt“ braucht den ersten Tag des Besuchs, „Bericht erstellt“ das Datum des Berichts, „Abgeschlossen“ eine Antwort der Gastgeberstadt auf jede Empfehlung.
peer-form-visit-from = Erster Tag des Besuchs (optional, solange geplant)
peer-form-visit-to = Letzter Tag des Besuchs (optional)
peer-form-report-date = Datum des Berichts (optional, bis der Bericht erstellt ist)
peer-form-date-example = Zum Beispiel { $example } (Jahr-Monat-Tag)
peer-form-people = Prüfteam (optional)
peer-form-people-hint = Eine Person pro Zeile: Name; Organisation; Rolle. Nur das Sekretariat und die beteiligten Städte sehen diese Namen.
peer-form-findings = Feststellungen zu { $commitment }: { $text }
peer-form-summary = Zusammenfassung zur Veröffentlichung (optional)
peer-form-summary-hint = Öffentlich, sobald die Gastgeberstadt zustimmt und eine öffentliche Seite hat. Eine Änderung zieht eine bereits erteilte Zustimmung zurück.
peer-form-save = Peer-Review speichern
peer-form-record = Peer-Review erfassen
peer-form-cancel = Abbrechen
peer-form-unknown-cities = Der Link nannte Städte, die dieses Werkzeug nicht kennt ({ $cities }); sie werden weggelassen.
peer-form-unknown-commitments = Der Link nannte Verpflichtungen, die keine gültigen Verpflichtungen von { $framework } sind ({ $commitments }); sie werden weggelassen.
peer-form-unknown-commitments-any = Der Link nannte Verpflichtungen, die in keinem Rahmenwerk gültig sind ({ $commitments }); sie werden weggelassen.
# Die Namen der Felder, wie das Formular sie zeigt, für die Fehlermeldungen.
peer-field-host = Gastgeberstadt
peer-field-framework = Rahmenwerk
peer-field-reviewers = Prüfende Städte
peer-field-commitments = Betrachtete Verpflichtungen
peer-field-state = Stand
peer-field-visit-from = Erster Tag des Besuchs
peer-field-visit-to = Letzter Tag des Besuchs
peer-field-report-date = Datum des Berichts
peer-field-people = Prüfteam
peer-field-findings = Feststellungen
peer-field-summary = Zusammenfassung zur Veröffentlichung
peer-recorded-notice = Das Peer-Review von { $host } ist erfasst.
peer-saved-notice = Das Peer-Review ist gespeichert.

## Eine Empfehlung als Maßnahme übernehmen
peer-action-heading = Empfehlung als Maßnahme übernehmen
peer-action-back = Zurück zum Peer-Review von { $host }
peer-action-intro = Die Maßnahme kommt in den Aktionsplan von { $host } unter { $framework }, zur Verpflichtung { $commitment }, und wird wie jede andere in den Zwischenberichten verfolgt. Die Empfehlung zeigt ihren Status und Fortschritt an.
peer-action-title = Titel der Maßnahme
peer-action-description = Beschreibung
peer-action-due = Fälligkeitsdatum (optional)
peer-action-button = Maßnahme zum Plan hinzufügen
peer-field-plan = Plan
peer-field-action-title = Titel der Maßnahme
peer-field-description = Beschreibung
peer-field-due-date = Fälligkeitsdatum
peer-host-only = nur die Bearbeitung für die Gastgeberstadt oder das Netzwerksekretariat darf das tun
peer-action-notice = Die Empfehlung ist jetzt die Maßnahme „{ $title }“ des Plans.

## Städte für Peer-Reviews zusammenbringen
peer-pairing-title = Paare für Peer-Reviews
peer-pairing-back = Zurück zum Netzwerk
peer-pairing-heading = Paare für Peer-Reviews
peer-pairing-lead = Städtepaare, bei denen jede Stadt bei Verpflichtungen stark ist, bei denen die andere schwach ist, die sich am besten ergänzenden zuerst. Jede Stadt erscheint in höchstens einem Paar.
peer-pairing-strong = Stark:
peer-pairing-strong-meaning = Eine Stadt ist bei einer Verpflichtung stark, wenn sie eine abgeschlossene Maßnahme hat, eine laufende Maßnahme, die mindestens zur Hälfte erledigt ist, oder eine geprüfte Bewertung „erheblich“ oder „vollständig“.
peer-pairing-weak = Schwach:
peer-pairing-weak-meaning = Eine Stadt ist bei einer Verpflichtung schwach, die keine Maßnahme abdeckt oder deren geprüfte Bewertung „nicht begonnen“ oder „begrenzt“ ist.
peer-pairing-caption = Vorgeschlagene Paare, mit den Verpflichtungen, bei denen jede Stadt der anderen helfen könnte
peer-pairing-col-cities = Städte
peer-pairing-col-a-helps-b = Die erste hilft der zweiten bei
peer-pairing-col-b-helps-a = Die zweite hilft der ersten bei
peer-pairing-col-start = Peer-Review beginnen
peer-pairing-pair = { $a } ({ $a_country }) und { $b } ({ $b_country })
peer-pairing-similar = Ähnlicher Kontext
peer-pairing-review-of-by = Peer-Review von { $host } durch { $reviewer }
peer-pairing-none = Noch ergänzen sich keine zwei Städte: Paare erscheinen, sobald Städte abgeschlossene oder fortgeschrittene Maßnahmen zu Verpflichtungen haben, die andere nicht abgedeckt haben.
