core-actions-count = { $count ->
    [one] 1 Maßnahme
   *[other] { $count } Maßnahmen
}
core-language-switcher = Sprache wählen
core-language-current = { $language } (aktuelle Sprache)
core-unofficial-translation = Inoffizielle Übersetzung
core-skip-link = Zum Hauptinhalt springen

## Das Seitenlayout
layout-title-error-prefix = Fehler:
layout-title-suffix = Charta-Tracker – { $network }
layout-site-name = { $network } · Charta der integrierenden Städte
layout-signed-in = Angemeldet als
layout-sign-out = Abmelden
layout-sign-in = Anmelden
layout-nav-label = Hauptnavigation
layout-demo-strong = Demodaten.
layout-demo-text = Die Städte sind echt, ihre Pläne, Zwischenberichte und Zahlen sind jedoch erfunden, um zu zeigen, wie der Tracker funktioniert.
layout-footer-secretariat = Sekretariat von { $network } · Charta-Tracker
layout-footer-accessibility = Barrierefreiheit
layout-footer-privacy = Datenschutz

## Die Hauptnavigation
nav-explore-actions = Maßnahmen entdecken
nav-good-practices = Gute Praxis
nav-published-reports = Veröffentlichte Berichte
nav-your-plan = Plan Ihrer Stadt
nav-check-ins = Zwischenberichte
nav-learn = Von anderen lernen
nav-reports = Berichte
nav-network = Netzwerk
nav-cities = Städte
nav-reviews = Prüfungen
nav-peer-reviews = Peer-Reviews
nav-outbox = Postausgang
nav-users = Benutzerkonten
nav-personal-data = Personenbezogene Daten

## Rollen
role-secretariat = Netzwerksekretariat
role-city-editor = Bearbeitung für die Stadt
role-observer = Beobachtung

## Fehlerseiten
error-go-home = Zur Startseite
error-sign-in-heading = Bitte melden Sie sich an
error-sign-in-detail = Sie müssen angemeldet sein, um diese Seite zu sehen.
error-forbidden-heading = Sie können dies weder sehen noch ändern
error-forbidden-detail = { $reason }. Wenn Sie meinen, dass Sie es können sollten, wenden Sie sich an das Netzwerksekretariat.
error-not-found-heading = Seite nicht gefunden
error-not-found-detail = { $reason }. Wenn Sie die Adresse eingegeben haben, prüfen Sie sie; wenn Sie einem Link gefolgt sind, ist er vielleicht veraltet.
error-gone-heading = Dies ist nicht mehr verfügbar
error-conflict-heading = Jemand anderes hat dies geändert
error-bad-request-heading = Mit dieser Anfrage stimmt etwas nicht
error-busy-heading = Der Dienst ist ausgelastet
error-busy-detail = Gerade melden sich zu viele Personen an oder ändern ihr Passwort. Es wurde nichts geändert; gehen Sie zurück und versuchen Sie es in { $seconds } Sekunden erneut.
error-unexpected-heading = Leider gibt es ein Problem mit dem Dienst
error-unexpected-detail = Es wurde nichts geändert. Bitte versuchen Sie es später erneut; wenn es wieder passiert, wenden Sie sich an das Netzwerksekretariat.
error-cross-site-heading = Dieses Formular wurde von einer anderen Website gesendet
error-cross-site-detail = Zu Ihrer Sicherheit können Formulare nur von Seiten dieses Dienstes gesendet werden. Es wurde nichts geändert.

## Sprache wählen
language-not-offered = Diesen Dienst gibt es nicht auf „{ $tag }“
language-form-expired = Dieses Formular war abgelaufen, Ihre Sprache wurde nicht geändert. Versuchen Sie es erneut.
language-saved = Ihre Sprache wurde gespeichert.
account-language-heading = Sprache der Seiten
account-language-hint = Seiten und E-Mails an Sie verwenden diese Sprache auf jedem Gerät, auf dem Sie sich anmelden.
account-language-auto = Wie mein Browser es wünscht (oder wie mit den Links oben gewählt)
account-language-save = Sprache speichern

## Formularfelder
field-error-prefix = Fehler:
date-format-hint = Zum Beispiel 27 3 2026 (Tag, Monat, Jahr)
date-day = Tag
date-month = Monat
date-year = Jahr

## Zahlen und Zeiträume
core-quarter = Q{ $quarter } { $year }
core-percent = { $value } %
