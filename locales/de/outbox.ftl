# The outbox (templates/pages/outbox.hbs, outbox_email.hbs; src/pages/outbox.rs).

outbox-title = Postausgang
outbox-lead = Alle E-Mails, die das System in die Warteschlange gestellt hat: Einladungen und Erinnerungen zu Zwischenberichten, Übersichten für das Sekretariat und Passwort-Links. Fehlgeschlagene E-Mails können erneut gesendet werden.
outbox-filter-label = E-Mails nach Status
outbox-filter-all = Alle
outbox-caption-all = Alle E-Mails
outbox-caption-queued = E-Mails in der Warteschlange
outbox-caption-sending = E-Mails, die gerade gesendet werden
outbox-caption-sent = Gesendete E-Mails
outbox-caption-failed = Fehlgeschlagene E-Mails
outbox-caption-cancelled = Abgebrochene E-Mails
outbox-caption = { $heading } ({ $total }, neueste zuerst; Zeiten in { $zone })
outbox-col-email = E-Mail
outbox-col-state = Status
outbox-col-when = Zeitpunkt
outbox-to = An
outbox-attempts = { $count ->
    [one] 1 Versuch
   *[other] { $count } Versuche
}
outbox-last-error = Letzter Fehler
outbox-last-error-text = Letzter Fehler: { $error }
outbox-none = Hier gibt es keine E-Mails.

## States and kinds
outbox-state-queued = In der Warteschlange
outbox-state-sending = Wird gesendet
outbox-state-sent = Gesendet
outbox-state-failed = Fehlgeschlagen
outbox-state-cancelled = Abgebrochen
outbox-kind-round-opened = Zwischenberichtsrunde eröffnet
outbox-kind-due-soon = Zwischenbericht bald fällig
outbox-kind-overdue = Zwischenbericht überfällig
outbox-kind-escalation-digest = Übersicht der säumigen Städte
outbox-kind-round-closed = Zusammenfassung zum Ende der Runde
outbox-kind-password-reset = Passwort zurücksetzen
outbox-kind-invitation = Einladung
outbox-when-sent = Gesendet am { $when }
outbox-when-due = Geplant für { $when }
outbox-when-changed = Zuletzt geändert am { $when }

## One email
outbox-email-title = E-Mail { $id }: { $subject }
outbox-kind = Art
outbox-language = Sprache
outbox-attempts-label = Versuche
outbox-none-value = Keiner
outbox-queued = In die Warteschlange gestellt
outbox-not-before = Nicht gesendet vor
outbox-sent = Gesendet
outbox-not-sent = Nicht gesendet
outbox-retry-detail = Beim erneuten Senden wird sie jetzt in die Warteschlange gestellt, und die Versuche werden ab null gezählt.
outbox-retry = Die E-Mail erneut senden
outbox-text-heading = Der Text der E-Mail
outbox-back = Zurück zum Postausgang
outbox-requeued = Die E-Mail an { $address } wurde erneut in die Warteschlange gestellt und wird in wenigen Minuten gesendet.
