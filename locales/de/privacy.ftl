# Personal data: the public privacy page, and the secretariat's pages to find, download and
# erase what is held about one person (templates/pages/privacy.hbs, people.hbs, person.hbs;
# src/pages/privacy.rs).

## The public privacy page
privacy-title = Datenschutz: Ihre personenbezogenen Daten
privacy-lead = Dieser Dienst wird vom Netzwerksekretariat von { $network } betrieben, das entscheidet, welche personenbezogenen Daten gespeichert werden, und dafür verantwortlich ist. Es speichert nur so viel, wie nötig ist, um die Aktionspläne der Städte zu verfolgen und die E-Mails zu den Zwischenberichten zu senden.
privacy-kept-heading = Was wir speichern und warum
privacy-contacts = Kontakte der Städte
privacy-contacts-detail = Name, E-Mail-Adresse, die Sprache, die die Person liest, und ihre Funktion in der Verwaltung, eingegeben vom Sekretariat oder von der Bearbeitung für die Stadt, damit die E-Mails zu den Zwischenberichten die richtigen Personen in ihrer Sprache erreichen. Gespeichert, solange die Stadt sie als Kontakt führt.
privacy-users = Nutzende des Systems
privacy-users-detail = E-Mail-Adresse, Name, Rolle (und Stadt, bei der Bearbeitung für eine Stadt), das Passwort als nicht umkehrbarer argon2id-Hash (nie das Passwort selbst), Browsersitzungen (beendet nach { $idle } Minuten ohne Aktivität und nach höchstens { $hours } Stunden) und API-Tokens (als Hashes, bis sie widerrufen werden), damit nur die richtigen Personen die Daten einer Stadt sehen und ändern können. Gespeichert, solange das Konto besteht.
privacy-emails = Gesendete E-Mails
privacy-emails-detail = Für jede E-Mail: Name und Adresse der empfangenden Person, Betreff und Text, damit das Sekretariat sehen kann, was gesendet wurde, und eine fehlgeschlagene E-Mail erneut senden kann. Empfänger und Text werden { $days } Tage nach dem Versand gelöscht; Betreff, Art und Daten bleiben, damit die Zahl der gesendeten E-Mails stimmt.
privacy-sign-ins = Anmeldeprotokolle
privacy-sign-ins-detail = Jeder Anmeldeversuch: die eingegebene E-Mail-Adresse, die Netzwerkadresse, von der er kam, ob er erfolgreich war und wann, um Personen zu bremsen, die Passwörter erraten wollen. Nach einem Tag gelöscht.
privacy-history = Änderungsverlauf
privacy-history-detail = Jede Änderung an einer Stadt, einem Plan, einer Maßnahme, einem Kontakt oder einem Indikatorwert hält fest, wer sie vorgenommen hat (die E-Mail-Adresse eines Benutzerkontos oder Name und Adresse eines Kontakts, wenn dieser einen per E-Mail erhaltenen Link zum Zwischenbericht verwendet hat), und bei einem Kontakt seine Angaben vorher und nachher. Gespeichert, solange das Objekt besteht, damit Änderungen nachgeprüft werden können.
privacy-no-personal-data = Veröffentlichte Berichte sowie die Pläne und Maßnahmen der Städte enthalten keine personenbezogenen Daten.
privacy-who-heading = Wer sie sieht
privacy-who = Das Netzwerksekretariat und, für die Kontakte ihrer Stadt, die Bearbeitung für die Stadt. Beobachtende und andere Städte sehen Namen und Adressen der Kontakte nicht, die Öffentlichkeit nie.
privacy-rights-heading = Ihre Rechte und an wen Sie sich wenden
privacy-rights = Sie können beim Netzwerksekretariat von { $network } eine Kopie aller über Sie gespeicherten Daten verlangen, deren Berichtigung oder deren Löschung. Das Sekretariat kann alles, was zu einer E-Mail-Adresse gespeichert ist, exportieren und löschen: Ihr Kontakteintrag und Ihr Konto werden gelöscht, und wo ein Datensatz weiterhin angeben muss, dass jemand eine Änderung vorgenommen hat, werden Ihr Name und Ihre Adresse durch ein Pseudonym wie „gelöschter Kontakt 12“ ersetzt.
privacy-write = Schreiben Sie an das Netzwerksekretariat von { $network }, die Stelle, die diesen Dienst betreibt. Wenn Sie mit der Antwort nicht zufrieden sind, können Sie sich bei der Datenschutzbehörde Ihres Landes beschweren.

## Finding a person
privacy-people-title = Personenbezogene Daten
privacy-people-lead = Alles sehen, was über eine Person gespeichert ist, es herunterladen oder die Person löschen, wie es die DSGVO verlangt, wenn jemand eine Kopie oder die Löschung seiner Daten beantragt.
privacy-people-see = Was gespeichert wird, erfahren Sie auf der
privacy-people-page-link = Datenschutzseite
privacy-email = E-Mail-Adresse
privacy-email-hint = Ihre Kontakte in allen Städten, ihr Benutzerkonto, die an sie gesendeten E-Mails, Anmeldeprotokolle und jeder Datensatz, der sie nennt, werden über diese Adresse gefunden.
privacy-show = Anzeigen, was gespeichert ist
privacy-confirmation = Bestätigung

## What is held about a person
privacy-person-title = Über { $email } gespeicherte personenbezogene Daten
privacy-person-contacts = Kontakte
privacy-person-contact-language = (Sprache { $language })
privacy-none = Keine
privacy-person-user = Benutzerkonto
privacy-person-user-id = Benutzerkonto { $id }
privacy-person-disabled = (deaktiviert)
privacy-person-sessions = { $sessions ->
    [one] 1 Sitzung
   *[other] { $sessions } Sitzungen
}
privacy-person-tokens = { $tokens ->
    [one] 1 API-Token
   *[other] { $tokens } API-Tokens
}
privacy-person-emails = An die Person gesendete E-Mails
privacy-person-emails-count = { $count } ({ $bodies } noch mit ihrem Text)
privacy-person-history = Einträge im Verlauf
privacy-person-links-label = Links und Ereignisse zu Zwischenberichten
privacy-person-links = { $links ->
    [one] 1 Link
   *[other] { $links } Links
}
privacy-person-events = { $events ->
    [one] 1 Ereignis
   *[other] { $events } Ereignisse
}
privacy-person-sign-ins = Anmeldeprotokolle
privacy-person-mentions = Andere Datensätze, die die Person nennen
privacy-download = Als JSON herunterladen
privacy-erase-heading = Diese Person löschen
privacy-erase-detail = Ihre Kontakte und ihr Benutzerkonto werden gelöscht, mit ihren Sitzungen, API-Tokens, Links zu Zwischenberichten und Anmeldeprotokollen. Wo ein Datensatz weiterhin angeben muss, dass jemand eine Änderung vorgenommen hat (Verlauf, gesendete E-Mails, Zwischenberichte), werden Name und Adresse durch ein Pseudonym wie „gelöschter Kontakt 12“ ersetzt. Pläne, Maßnahmen und Berichte bleiben unverändert. Dies kann nicht rückgängig gemacht werden.
privacy-erase-confirm = Mir ist bewusst, dass alles, was über { $email } gespeichert ist, endgültig gelöscht wird
privacy-erase = Diese Person löschen
privacy-cancel = Abbrechen
privacy-erased = { $contacts ->
    [one] Alles, was über { $email } gespeichert war, wurde gelöscht: 1 Kontakt entfernt; wo ein Datensatz die Person weiterhin nennen muss, steht jetzt „{ $pseudonym }“.
   *[other] Alles, was über { $email } gespeichert war, wurde gelöscht: { $contacts } Kontakte entfernt; wo ein Datensatz die Person weiterhin nennen muss, steht jetzt „{ $pseudonym }“.
}
privacy-erased-with-account = { $contacts ->
    [one] Alles, was über { $email } gespeichert war, wurde gelöscht: 1 Kontakt und das Benutzerkonto entfernt; wo ein Datensatz die Person weiterhin nennen muss, steht jetzt „{ $pseudonym }“.
   *[other] Alles, was über { $email } gespeichert war, wurde gelöscht: { $contacts } Kontakte und das Benutzerkonto entfernt; wo ein Datensatz die Person weiterhin nennen muss, steht jetzt „{ $pseudonym }“.
}
