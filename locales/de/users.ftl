# User accounts (templates/pages/users.hbs, user.hbs, user_new.hbs; src/pages/users.rs).

users-title = Benutzerkonten
users-lead = Alle, die sich anmelden können: das Netzwerksekretariat, die Bearbeitung für die Stadt in jeder Stadtverwaltung und Beobachtende.
users-invite = Eine Person einladen
users-caption = Benutzerkonten ({ $total })
users-name = Name
users-email = E-Mail-Adresse
users-role = Rolle
users-city = Stadt
users-state = Status
users-every-city = Alle Städte
users-none = Es gibt noch keine Benutzerkonten.
users-role-secretariat = Netzwerksekretariat
users-role-city-editor = Bearbeitung für die Stadt
users-role-observer = Beobachtung
users-role-secretariat-hint = Verwaltet alles: Städte, Benutzerkonten, Zwischenberichte, Berichte.
users-role-city-editor-hint = Pflegt den Aktionsplan einer Stadt und berichtet über ihre Fortschritte.
users-role-observer-hint = Sieht alle Städte und Berichte, ändert nichts.
users-no-city = Keine Stadt (keine Bearbeitung für eine Stadt)
users-city-hint = Bei der Bearbeitung für die Stadt: die Stadt, deren Plan die Person pflegt.
users-state-active = Aktiv
users-state-invited = Eingeladen, noch kein Passwort
users-state-disabled = Deaktiviert

## One account
users-created = Konto erstellt
users-change-heading = Angaben ändern
users-save = Änderungen speichern
users-signing-in = Anmeldung
users-disabled-no-link = Das Konto ist deaktiviert, daher kann kein Passwort-Link gesendet werden.
users-invited-detail = Die Person hat noch kein Passwort gewählt. Wird die Einladung erneut gesendet, funktioniert der Link in der früheren nicht mehr.
users-resend = Die Einladung erneut senden
users-reset-detail = Sendet { $email } einen Link, um ein neues Passwort zu wählen. Er gilt { $minutes } Minuten; das aktuelle Passwort funktioniert weiter, bis der Link verwendet wird.
users-reset-send = Einen Link zum Zurücksetzen des Passworts senden
users-access = Zugang
users-disabled-detail = Das Konto ist deaktiviert: Niemand kann sich damit anmelden, und seine API-Tokens funktionieren nicht. Wird es aktiviert, kann sich die Person wieder mit ihrem Passwort anmelden, und ihre nicht widerrufenen Tokens funktionieren wieder.
users-enable = Das Konto aktivieren
users-own-account = Das ist Ihr eigenes Konto. Ein anderes Mitglied des Sekretariats kann es deaktivieren.
users-disable-detail = Wird das Konto deaktiviert, wird die Person überall abgemeldet, und ihre API-Tokens hören sofort auf zu funktionieren. Sie können es später wieder aktivieren.
users-disable = Das Konto deaktivieren
users-tokens = API-Tokens
users-tokens-caption = API-Tokens von { $name } (Zeiten in { $zone })
users-token-label = Bezeichnung
users-token-created = Erstellt
users-token-state = Status
users-actions = Aktionen
users-token-no-label = (ohne Bezeichnung)
users-token-revoked = Widerrufen am { $when }
users-token-active = Aktiv
users-token-revoke = Widerrufen
users-token-revoke-hidden = das Token { $label }
users-no-tokens = { $name } hat keine API-Tokens. Alle erstellen ihre eigenen Tokens auf ihrer Kontoseite.
users-back = Zurück zu den Benutzerkonten

## Inviting someone
users-new-detail = Wir senden der Person per E-Mail einen Link, um ihr Passwort zu wählen. Der Link gilt { $days } Tage; bis er verwendet wird, kann sich niemand mit dem Konto anmelden.
users-email-hint = Die Person meldet sich mit dieser Adresse an.
users-send-invitation = Die Einladung senden
users-cancel = Abbrechen

## Notices
users-invited = { $name } wurde eingeladen. Eine E-Mail an { $email } mit einem Link zur Wahl des Passworts ist unterwegs; der Link gilt { $days } Tage.
users-saved = Die Änderungen am Konto von { $name } wurden gespeichert.
users-disabled = Das Konto von { $name } ist deaktiviert: Die Person wurde überall abgemeldet, und ihre API-Tokens funktionieren nicht mehr.
users-enabled = Das Konto von { $name } ist wieder aktiviert: Die Person kann sich anmelden, und ihre nicht widerrufenen API-Tokens funktionieren wieder.
users-reset-sent = Ein Link zur Wahl eines neuen Passworts wurde an { $email } gesendet. Er gilt { $minutes } Minuten; das aktuelle Passwort funktioniert weiter, bis der Link verwendet wird.
users-invitation-sent = Die Einladung wurde erneut an { $email } gesendet. Der Link in der früheren Einladung funktioniert nicht mehr; der neue gilt { $days } Tage.
users-token-revoked-notice = Das Token wurde widerrufen: Programme, die es verwenden, können die API nicht mehr erreichen.
users-token-revoked-notice-label = Das Token „{ $label }“ wurde widerrufen: Programme, die es verwenden, können die API nicht mehr erreichen.
users-conflict = jemand anderes hat eine Änderung an diesem Konto gespeichert, nachdem Sie diese Seite geöffnet haben; Ihre Änderungen wurden daher nicht gespeichert. Sie stehen noch im Formular: Vergleichen Sie sie mit den gespeicherten Angaben (öffnen Sie die Seite erneut, um diese zu sehen) und speichern Sie noch einmal
