# Signing in and out, password links and the account page (src/pages/session.rs).

## Sign in
session-sign-in-title = Anmelden
session-sign-in-intro = Melden Sie sich an, um den Aktionsplan Ihrer Stadt zu pflegen und über ihre Fortschritte zu berichten, oder um die Städte des Netzwerks zu verfolgen.
session-email-label = E-Mail-Adresse
session-password-label = Passwort
session-sign-in-button = Anmelden
session-forgot-link = Passwort vergessen?
session-no-account = Noch kein Konto? Das Netzwerksekretariat legt Konten für die Mitarbeitenden der Verwaltung jeder Unterzeichnerstadt an.
session-email-empty = ist leer
session-email-empty-accepted = die E-Mail-Adresse, mit der Ihr Konto angelegt wurde
session-password-empty = ist leer
session-wrong = oder Passwort ist nicht richtig; prüfen Sie beides oder setzen Sie Ihr Passwort zurück, wenn Sie es vergessen haben
session-locked = : Es gab zu viele fehlgeschlagene Anmeldeversuche, daher ist die Anmeldung bis { $date } um { $time } Uhr ({ $zone }) gesperrt. Sie können Ihr Passwort in der Zwischenzeit zurücksetzen

## Sign out
session-sign-out-title = Abmelden
session-sign-out-question = Möchten Sie sich auf diesem Gerät vom Charta-Tracker abmelden?
session-sign-out-button = Abmelden
session-already-signed-out = Sie sind abgemeldet.
session-signed-out = Sie haben sich abgemeldet.

## Forgotten password
session-forgot-title = Passwort zurücksetzen
session-forgot-intro = Geben Sie die E-Mail-Adresse ein, mit der Sie sich anmelden. Wenn sie zu einem Konto gehört, senden wir ihr einen Link, um ein neues Passwort zu wählen.
session-forgot-button = Link senden
session-back-to-sign-in = Zurück zur Anmeldung
session-check-email-title = Prüfen Sie Ihre E-Mails
session-check-email-sent = Wenn { $email } zu einem Konto gehört, haben wir einen Link gesendet, um ein neues Passwort zu wählen. { $minutes ->
    [one] Der Link ist 1 Minute lang gültig.
   *[other] Der Link ist { $minutes } Minuten lang gültig.
}
session-check-email-nothing = Wenn in einigen Minuten nichts ankommt, sehen Sie in Ihrem Spam-Ordner nach oder wenden Sie sich an das Netzwerksekretariat.

## Password links
session-link-unknown-title = Dieser Link funktioniert nicht
session-link-unknown-text = Prüfen Sie, ob Sie die vollständige Adresse aus der E-Mail kopiert haben. Links aus älteren E-Mails funktionieren nicht mehr, sobald ein neuerer gesendet wurde.
session-link-expired-title = Dieser Link ist abgelaufen
session-link-expired-text = Zu Ihrer Sicherheit sind Passwort-Links nur begrenzte Zeit gültig. Fordern Sie unten einen neuen an.
session-link-used-title = Dieser Link wurde bereits verwendet
session-link-used-text = Jeder Link kann nur einmal verwendet werden. Wenn Sie Ihr Passwort erneut ändern müssen, fordern Sie einen neuen Link an.
session-link-ask-new = Neuen Link anfordern
session-choose-new-password = Neues Passwort wählen
session-choose-your-password = Ihr Passwort wählen
session-set-for-account = Für das Konto
session-set-intro = Wählen Sie ein Passwort mit mindestens 10 Zeichen; einige Wörter ohne Zusammenhang ergeben ein gutes.
session-new-password-label = Neues Passwort
session-new-password-hint = Mindestens 10 Zeichen.
session-confirm-label = Neues Passwort wiederholen
session-confirm-field = Das wiederholte Passwort
session-current-password-label = Aktuelles Passwort
session-set-button = Passwort speichern und anmelden
session-password-saved = Ihr Passwort wurde gespeichert und Sie sind angemeldet.

## Account
session-account-title = Ihr Konto
session-name = Name
session-access = Zugang
session-access-for = für
session-change-password-heading = Passwort ändern
session-change-password-hint = Mindestens 10 Zeichen. Eine Änderung meldet Sie auf Ihren anderen Geräten ab.
session-change-password-button = Passwort ändern
session-password-changed = Ihr Passwort wurde geändert. Alle anderen Geräte, die mit Ihrem Konto angemeldet waren, wurden abgemeldet.
session-tokens-heading = API-Tokens
session-tokens-intro-before = Programme, die die API des Trackers nutzen, senden statt Ihres Passworts ein Token. Ein Token kann alles, was Sie können; widerrufen Sie alle, die Sie nicht mehr nutzen.
session-tokens-description-link = Beschreibung der API lesen
session-tokens-caption = Ihre API-Tokens
session-token-label-column = Bezeichnung
session-token-created-column = Erstellt
session-token-state-column = Status
session-token-action-column = Aktion
session-token-no-label = (ohne Bezeichnung)
session-token-revoked = Widerrufen am { $date }
session-token-active = Aktiv
session-token-revoke = Widerrufen
session-token-revoke-hidden = Token { $label }
session-no-tokens = Sie haben keine API-Tokens.
session-new-token-label = Bezeichnung für ein neues Token
session-new-token-hint = Damit Sie es später wiedererkennen, z. B. „Monitoring-Tabelle“.
session-new-token-field = Die Bezeichnung
session-create-token-button = Token erstellen
session-revoke-expired = dieses Formular war abgelaufen, daher wurde das Token nicht widerrufen. Versuchen Sie es erneut
session-token-revoked-notice = Das Token wurde widerrufen: Programme, die es nutzen, erreichen die API nicht mehr.

## A new token
session-token-created-title = Ihr neues API-Token
session-token-copy-now = Kopieren Sie es jetzt und bewahren Sie es sicher auf: Es wird nur dieses eine Mal angezeigt.
session-token-field = Token
session-token-field-named = Token „{ $label }“
session-token-how = Senden Sie es mit jeder API-Anfrage im Header
session-back-to-account = Zurück zu Ihrem Konto
# The header itself: the same in every language.
session-token-header = Authorization: Bearer …
