# Die Selbsteinschätzungen einer Stadt neben den geprüften Bewertungen, und das Formular des
# Sekretariats, um eine Prüfung zu erfassen (/cities/{id}/verification).

verify-title = Selbsteinschätzung und Prüfung: { $city }
verify-heading = Selbsteinschätzung und Prüfung: { $city }
verify-lead = Für jede Verpflichtung die eigene Sicht der Stadt aus ihrem letzten Zwischenbericht neben dem, was das Sekretariat geprüft hat, auf derselben Skala (die der Open Government Partnership: nicht begonnen, begrenzt, erheblich, vollständig).
verify-caption = Die Sicht der Stadt und die geprüfte Bewertung, je Verpflichtung
verify-col-commitment = Verpflichtung
verify-col-self = Sicht der Stadt
verify-col-verified = Geprüft
verify-col-note = Anmerkung und Nachweise
verify-not-assessed = Nicht eingeschätzt
verify-not-verified = Nicht geprüft
verify-differs = Abweichend
verify-record-heading = Eine Prüfung erfassen
verify-commitment = Verpflichtung
verify-choose-commitment = Wählen Sie eine Verpflichtung
verify-level = Geprüfte Bewertung
verify-date = Datum der Prüfung
verify-date-hint = Zum Beispiel 2026-11-30 (Jahr-Monat-Tag)
verify-note = Anmerkung (optional)
verify-note-hint = Was geprüft wurde und wie: ein Besuch, Unterlagen, Gespräche.
verify-evidence = Links zu Nachweisen (optional)
verify-evidence-hint = Einer pro Zeile: die Webadresse (http:// oder https://), dann nach Wunsch ein Leerzeichen und ein Titel.
verify-button = Prüfung erfassen
verify-cancel = Abbrechen
verify-back = Zurück zu { $city }
# Die Namen der Felder, wie das Formular sie zeigt, für die Fehlermeldungen.
verify-field-commitment = Verpflichtung
verify-field-level = Geprüfte Bewertung
verify-field-date = Datum der Prüfung
verify-field-note = Anmerkung
verify-field-evidence = Links zu Nachweisen
verify-recorded-notice = Die geprüfte Bewertung von { $commitment } ist erfasst: { $level }.
