# Importing and exporting in the browser, and the open data page (templates/pages/export.hbs,
# import_upload.hbs, import_preview.hbs, import_done.hbs, open_data.hbs; src/pages/imports.rs).

## Downloading the data
exchange-export-title = Daten herunterladen
exchange-export-scope = Alles, was Sie sehen dürfen: { $scope }.
exchange-export-scope-city = Ihre Stadt mit ihren Angaben, Kontakten, Plänen, Maßnahmen und Indikatorwerten
exchange-export-scope-network = das ganze Netzwerk mit jeder Stadt, ihren Kontakten, Plänen, Maßnahmen und Indikatorwerten
exchange-xlsx-link = Eine Excel-Arbeitsmappe (.xlsx)
exchange-xlsx-detail = , ein Blatt pro Tabelle; sie lässt sich unverändert wieder importieren.
exchange-csv-link = Ein ZIP-Archiv mit CSV-Dateien
exchange-csv-detail = mit einem Frictionless Data Package, das jede Tabelle beschreibt:
exchange-export-personal = Die Dateien enthalten Namen und E-Mail-Adressen von Kontakten: Bewahren Sie sie so sicher auf wie das System.

## Uploading a file
exchange-cities-heading = Städte und ihre Kontakte importieren
exchange-actions-heading = Maßnahmen in { $plan } importieren
exchange-actions-heading-short = Maßnahmen importieren
exchange-cities-detail = Eine Zeile pro Stadt oder pro Kontakt: Wiederholen Sie die Zeile einer Stadt für jeden ihrer Kontakte. Eine Arbeitsmappe kann auch diese Blätter enthalten: { $sheets } (eine exportierte Arbeitsmappe lässt sich unverändert wieder importieren).
exchange-actions-detail = Eine Zeile pro Maßnahme. Eine Maßnahme, deren „{ $column }“ (oder, falls nicht vorhanden, deren Titel) bereits im Plan steht, wird geändert; die anderen werden hinzugefügt. Nichts wird entfernt.
exchange-template = Beginnen Sie mit der Vorlage:
exchange-template-xlsx = Excel-Vorlage (.xlsx)
exchange-template-or = oder
exchange-template-csv = CSV-Vorlage
exchange-formats = Verpflichtungen können per Code (SP1) oder im Wortlaut der Charta angegeben werden; Daten als 2026-12-31 oder 31/12/2026; Fortschritt als 30, 30 % oder 0,3.
exchange-see-first = Sie sehen jede Zeile und jeden Fehler, bevor etwas gespeichert wird.
exchange-file = Die Datei
exchange-file-hint = Eine Excel-Arbeitsmappe (.xlsx) oder eine CSV-Datei (UTF-8 oder so, wie Excel sie speichert), höchstens { $megabytes } MB und { $rows } Zeilen pro Blatt.
exchange-file-hint-short = Eine Excel-Arbeitsmappe (.xlsx) oder eine CSV-Datei, höchstens { $megabytes } MB.
exchange-preview = Vorschau des Imports
exchange-choose-file = Wählen Sie eine Datei zum Importieren: eine Excel-Arbeitsmappe (.xlsx) oder eine CSV-Datei
exchange-file-too-large = Es werden Dateien mit höchstens { $megabytes } MB angenommen
exchange-unreadable = Die hochgeladene Datei konnte nicht gelesen werden ({ $error })
exchange-default-file-name = { $kind ->
    [cities] Städtedatei
   *[other] Maßnahmendatei
}

## The preview
exchange-check-title = Den Import prüfen
exchange-mistakes-title = Die Datei enthält Fehler
exchange-preview-counts = { $file }: { $create } neu, { $update } geändert, { $unchanged } unverändert. Noch wurde nichts gespeichert.
exchange-preview-counts-mistakes = { $mistakes ->
    [one] { $file }: { $create } neu, { $update } geändert, { $unchanged } unverändert, 1 Fehler. Noch wurde nichts gespeichert.
   *[other] { $file }: { $create } neu, { $update } geändert, { $unchanged } unverändert, { $mistakes } Fehler. Noch wurde nichts gespeichert.
}
exchange-correct-heading = Korrigieren Sie diese Fehler in der Datei und laden Sie sie erneut hoch
exchange-correct-detail = Aus der Datei wird nichts importiert, bis jede Zeile stimmt.
exchange-mistakes-caption = Fehler ({ $count })
exchange-col-sheet = Blatt
exchange-col-row = Zeile
exchange-col-column = Spalte
exchange-col-found = Gefunden
exchange-col-wrong = Was falsch ist
exchange-col-accepted = Was zulässig ist
exchange-rows-caption = Was der Import tun wird
exchange-col-what = Was
exchange-col-name = Name
exchange-col-outcome = Ergebnis
exchange-col-changes = Geänderte Felder
exchange-outcome-create = Neu
exchange-outcome-update = Geändert
exchange-outcome-unchanged = Unverändert
exchange-outcome-refused = Enthält einen Fehler
exchange-more-rows = { $count ->
    [one] Und 1 weitere Zeile.
   *[other] Und { $count } weitere Zeilen.
}
exchange-nothing-changes = Jede Zeile entspricht dem bereits Gespeicherten: Der Import würde nichts ändern.
exchange-ignored = Nicht importiert (Spalten oder Blätter, die der Import nicht kennt):
exchange-import = Diese Zeilen importieren
exchange-another-file = Eine andere Datei wählen
exchange-upload-corrected = Die korrigierte Datei hochladen
exchange-expired = Dieses Formular war abgelaufen oder wurde in einer anderen Sitzung geöffnet, daher wurde nichts importiert; laden Sie die Datei erneut hoch

## After importing
exchange-done-title = Import abgeschlossen
exchange-done-counts = { $file }: { $create } hinzugefügt, { $update } geändert, { $unchanged } unverändert gelassen.
exchange-done-history = Jede Änderung steht im Verlauf des geänderten Objekts, mit Verweis auf diesen Import.
exchange-back-plan = Zum Plan der Stadt
exchange-back-cities = Zu den Städten
exchange-not-imported = Es wurde nichts importiert
exchange-not-imported-detail = Die Daten haben sich seit der Vorschau geändert, daher enthält die Datei jetzt Fehler. Laden Sie sie erneut hoch, um sie zu sehen.
exchange-go-home = Zur Startseite
exchange-bad-format = Format { $reason }

## Open data
exchange-open-data-title = Offene Daten
exchange-open-data-lead = Die Aktionspläne, Maßnahmen und Indikatorwerte der Städte, die ihren Plan veröffentlichen, frei wiederverwendbar unter der Lizenz
exchange-xlsx-open-detail = , ein Blatt pro Tabelle
exchange-csv-open-detail = mit einem Frictionless Data Package:
exchange-open-data-no-personal = Keine personenbezogenen Daten: keine Kontakte, keine Namen von Personen. Als sensibel markierte Indikatoren werden ausgelassen, sodass kein Wert einer einzelnen Stadt dafür veröffentlicht wird.
