# Die Verwaltung der Ergebnisberichte durch das Netzwerksekretariat (/reports/manage) und die
# Verwaltungsseite eines Berichts (/reports/manage/{id}).

## Wörter, die beide Seiten verwenden
reports-version = Version { $number }
reports-not-yet = Noch nicht

## Die Liste der Berichte und das Formular zum Erstellen eines Entwurfs
reports-manage-title = Ergebnisberichte
reports-manage-heading = Ergebnisberichte
reports-manage-lead = Der regelmäßige Bericht des Netzwerks darüber, wie die Unterzeichnerstädte die Charta umsetzen, erstellt aus dem, was die Städte erfasst haben: Pläne, Maßnahmen, Zwischenberichte und Indikatoren. Erstellen Sie einen Entwurf, lesen Sie ihn, kennzeichnen Sie gute Praxis und veröffentlichen Sie ihn dann.
reports-manage-public = Veröffentlichte Berichte sind öffentlich.
reports-manage-public-link = Zur Liste der veröffentlichten Berichte
reports-manage-list-heading = Berichte
reports-manage-caption = Berichte, neuester Zeitraum zuerst
reports-manage-col-report = Bericht
reports-manage-col-published = Veröffentlicht
reports-manage-col-draft = Entwurf
reports-manage-col-good-practices = Gute Praxis
reports-manage-none = Es wurde noch kein Bericht erstellt.
reports-compile-heading = Einen Entwurf erstellen
reports-compile-intro = Der Entwurf zählt die Pläne und Maßnahmen in ihrem jetzigen Stand sowie die Zwischenberichte und Indikatorwerte des Zeitraums. Wird ein Zeitraum erneut erstellt, wird sein Entwurf aktualisiert; nach einer Veröffentlichung beginnt damit eine Korrektur.
reports-compile-framework = Rahmenwerk
reports-compile-from = Erster Tag
reports-compile-from-hint = Standardmäßig der laufende Berichtszyklus.
reports-compile-to = Letzter Tag
reports-compile-button = Entwurf erstellen
reports-compiled = Entwurf der Version { $number } erstellt.
reports-compiled-again = Entwurf der Version { $number } mit den neuesten Daten neu erstellt.
# Die Namen der Felder, wie das Formular sie zeigt, für die Fehlermeldungen.
reports-field-framework = Rahmenwerk
reports-field-from = Erster Tag
reports-field-to = Letzter Tag
reports-secretariat-only = Entwürfe des Ergebnisberichts sind nur für das Netzwerksekretariat bestimmt; veröffentlichte Berichte finden Sie unter /reports

## Ein Bericht
reports-admin-all = Alle Berichte
reports-admin-published = Veröffentlicht
reports-admin-published-at = Version { $number }, unter
reports-admin-draft = Entwurf
reports-admin-draft-compiled = Version { $number }, erstellt am { $when } von { $by }
reports-admin-no-draft = Keiner: Erstellen Sie einen, um die veröffentlichte Version zu korrigieren
reports-admin-read-draft = Entwurf lesen
reports-admin-read-draft-hidden = ({ $period })
reports-admin-compile-again = Mit den neuesten Daten neu erstellen
reports-admin-compile-correction = Korrekturentwurf erstellen
reports-admin-good-practice-heading = Gute Praxis
reports-admin-good-practice-intro = Hier gekennzeichnete Maßnahmen werden im Bericht mit der eigenen Beschreibung der Stadt hervorgehoben. Die Kennzeichnungen bleiben über Korrekturen hinweg beim Bericht.
reports-admin-unmark = Kennzeichnung entfernen
reports-admin-none-marked = Noch keine Maßnahme ist gekennzeichnet.
reports-admin-city = Maßnahmen einer Stadt anzeigen
reports-admin-city-button = Ihre Maßnahmen anzeigen
reports-admin-candidates-caption = Maßnahmen der gewählten Stadt
reports-admin-col-action = Maßnahme
reports-admin-col-state = Stand
reports-admin-col-mark = Kennzeichnen
reports-admin-good-practice-tag = Gute Praxis
reports-admin-mark = Als gute Praxis kennzeichnen
reports-admin-no-candidates = Diese Stadt hat in diesem Rahmenwerk keine Maßnahme.
reports-admin-publish-heading = Version { $number } veröffentlichen
reports-admin-publish-freeze = Die Veröffentlichung friert die Zahlen und Seiten des Entwurfs genau so ein, wie sie sind: Spätere Änderungen an den Daten ändern sie nie.
reports-admin-publish-address = Der Bericht wird mit seinen Daten als JSON und CSV unter dieser Adresse öffentlich:
reports-admin-publish-read-first = Lesen Sie zuerst den Entwurf, und erstellen Sie ihn neu, wenn sich die Daten geändert haben.
reports-admin-changelog = Was diese Version korrigiert
reports-admin-changelog-hint = Pflichtangabe bei einer Korrektur: Sie wird mit der neuen Version angezeigt, neben der Liste der geänderten Zahlen.
reports-admin-note = Eine Anmerkung zu dieser Version (optional)
reports-admin-publish-button = Version { $number } veröffentlichen
reports-admin-versions-heading = Versionen
reports-admin-versions-caption = Alle Versionen dieses Berichts, neueste zuerst
reports-admin-col-version = Version
reports-admin-col-compiled = Erstellt
reports-admin-col-published = Veröffentlicht
reports-admin-col-changes = Änderungen
reports-admin-draft-tag = Entwurf
reports-admin-when-by = { $when } von { $by }
reports-admin-title = { $framework }: { $period }
reports-admin-field-changelog = Was diese Version korrigiert
reports-admin-published-notice = Version { $number } ist unter { $url } veröffentlicht. Sie ändert sich nicht mehr, was auch immer später mit den Daten geschieht.
reports-admin-marked-notice = „{ $title }“ ist als gute Praxis gekennzeichnet, und der Entwurf wurde neu erstellt, um sie aufzunehmen.
reports-admin-unmarked-notice = Die Kennzeichnung als gute Praxis wurde entfernt, und der Entwurf wurde neu erstellt.
reports-admin-which-action = das Formular hat nicht angegeben, welche Maßnahme gekennzeichnet werden soll
