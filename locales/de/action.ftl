# An action: its page, the form to add or change it, and removing it (src/pages/actions.rs).

## Form labels (also used to name fields in error messages and the history)
action-commitment = Verpflichtung
action-commitment-hint = Die Verpflichtung der Charta, die diese Maßnahme umsetzt.
action-title-label = Titel
action-title-hint = Ein kurzer Name, den alle wiedererkennen, z. B. „Sprachcafés in öffentlichen Bibliotheken“.
action-description = Beschreibung
action-description-optional = Beschreibung (optional)
action-department = Zuständige Dienststelle
action-department-optional = Zuständige Dienststelle (optional)
action-partners-field = Ein Partner
action-partners-optional = Partner (optional)
action-partners-hint = Einer pro Zeile: NGOs, Migrantenorganisationen, andere öffentliche Stellen.
action-delivery-field = Wie die Stadt sie umsetzt
action-delivery-legend = Wie setzt die Stadt sie um?
action-delivery-direct = Die Stadt erbringt sie selbst
action-delivery-advocacy = Die Stadt setzt sich bei den Anbietern dafür ein
action-delivery-advocacy-hint = Wo die Stadt die Leistung nicht selbst erbringt, verlangt die Charta, dass sie sich bei den Anbietern für ihre Grundsätze einsetzt.
action-areas-field = Ein Politikbereich
action-areas-optional = Politikbereiche (optional)
action-areas-hint = Wählen Sie alle zutreffenden aus.
action-start-date = Beginn
action-start-date-optional = Beginn (optional)
action-due-date = Frist
action-due-date-optional = Frist (optional)
action-due-date-hint = Am oder nach dem Beginn.
action-status = Status
action-progress = Fortschritt
action-progress-label = Fortschritt in Prozent
action-progress-hint = Eine ganze Zahl von 0 bis 100.
action-evidence-field = Ein Link zu einem Nachweis
action-evidence-optional = Links zu Nachweisen (optional)
action-evidence-hint = Einer pro Zeile: die Webadresse (http:// oder https://), dann auf Wunsch ein Leerzeichen und ein Titel, z. B. https://stadt.example/ratsbeschluss.pdf Ratsbeschluss

## The form
action-back = Zurück
action-new-title = Maßnahme hinzufügen
action-new-title-plan = Maßnahme zu { $plan } hinzufügen
action-edit-title = Maßnahme ändern
action-add-button = Maßnahme hinzufügen
action-save-button = Änderungen speichern
action-cancel = Abbrechen
action-progress-empty = ist leer
action-progress-accepted = eine ganze Zahl von 0 bis 100
action-progress-not-number = : „{ $typed }“ ist keine ganze Zahl
action-not-chosen = ist nicht ausgewählt
action-delivery-accepted = selbst erbracht oder durch Einsatz bei den Anbietern
action-status-accepted = einer der aufgeführten Status
action-commitment-accepted = eine der Verpflichtungen des Plans
action-conflict = diese Maßnahme wurde während Ihrer Bearbeitung von { $who } geändert. Ihre Änderungen sind unten zu sehen und noch nicht gespeichert; vergleichen Sie sie mit der aktuellen Maßnahme (öffnen Sie sie in einem anderen Tab) und speichern Sie erneut
action-added = Maßnahme „{ $title }“ unter { $commitment } hinzugefügt.
action-saved = Ihre Änderungen wurden gespeichert.

## Removing
action-delete-title = Maßnahme entfernen
action-delete-heading = „{ $title }“ entfernen?
action-delete-text = Die Maßnahme gehört dann nicht mehr zum Plan von { $city } und zählt nicht mehr für seine Verpflichtungen. Ihr Verlauf bleibt erhalten, und das Entfernen wird mit Ihrem Namen festgehalten.
action-delete-yes = Ja, Maßnahme entfernen
action-delete-no = Nein, behalten
action-delete-conflict = die Maßnahme wurde geändert, nachdem Sie die Bestätigung geöffnet hatten, daher wurde sie nicht entfernt; öffnen Sie sie erneut, um die Änderungen zu sehen
action-removed = Maßnahme „{ $title }“ entfernt. Ihr Verlauf bleibt erhalten.

## The action's page
action-back-to-plan = Zurück zum Plan von { $city }
action-done = { $progress } % erledigt
action-overdue = Überfällig
action-not-updated-since = Nicht aktualisiert seit { $date }
action-from-recommendation = Aus der Peer-Review-Empfehlung
action-plan = Plan
action-partners = Partner
action-evidence = Nachweise
action-delivery = Umsetzung
action-areas = Politikbereiche
action-none-given = Keine Angabe
action-not-set = Nicht festgelegt
action-change = Maßnahme ändern
action-remove = Entfernen
action-reports-heading = In Zwischenberichten gemeldet
action-sent = Gesendet am { $when }:
action-when = { $date } um { $time } Uhr
action-no-reports = Noch kein Zwischenbericht hat über diese Maßnahme berichtet.
action-history-heading = Verlauf der Änderungen
action-history-created = Hat die Maßnahme hinzugefügt
action-history-deleted = Hat die Maßnahme entfernt
action-history-changed = Hat geändert
action-history-change = { $field }: von „{ $from }“ zu „{ $to }“
action-history-none = keine
action-history-empty = leer
action-public-view = Dies ist die öffentliche Ansicht der Maßnahme.
action-other-cities = Maßnahmen anderer Städte zu { $commitment }
