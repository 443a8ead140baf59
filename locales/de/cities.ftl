# The secretariat's list of cities, the city form and a city's contacts
# (templates/pages/cities.hbs, city_form.hbs, contacts.hbs, contact_form.hbs, contact_remove.hbs;
# src/pages/cities.rs, contacts.rs).

## The list of cities
cities-title = Städte
cities-lead = Die Städte, die eine Charta des Netzwerks unterzeichnet haben, und wann sie sie unterzeichnet haben.
cities-register = Eine Stadt registrieren
cities-search-label = Städte
cities-search-name = Nach Namen suchen
cities-search-submit = Suchen
cities-show-every-city = Alle Städte anzeigen
cities-caption-search = Städte, deren Name „{ $q }“ enthält ({ $total })
cities-caption = Unterzeichnerstädte ({ $total })
cities-col-city = Stadt
cities-col-country = Land
cities-col-signed = Unterzeichnet
cities-col-public = Öffentliche Seite
cities-col-actions = Aktionen
cities-nothing-signed = Noch nichts unterzeichnet
cities-public = Öffentlich
cities-not-public = Nicht öffentlich
cities-change = Ändern
cities-contacts = Kontakte
cities-contacts-hidden = in { $city }
cities-none-found = Kein Städtename enthält „{ $q }“.
cities-none-yet = Es wurde noch keine Stadt registriert.

## Registering or changing a city
cities-new-title = Eine Stadt registrieren
cities-new-heading = Eine Unterzeichnerstadt registrieren
cities-edit-title = { $city } ändern
cities-edit-heading = Die Angaben zu { $city } ändern
cities-field-name = Name
cities-field-name-hint = So, wie die Stadt ihn schreibt, z. B. Malmö, Łódź, Zürich.
cities-field-country = Land
cities-field-country-choose = Land auswählen
cities-field-public = Soll die Seite der Stadt öffentlich sein?
cities-field-public-hint = Eine öffentliche Seite zeigt den Aktionsplan der Stadt und ihre Fortschritte allen, auch ohne Anmeldung.
cities-field-public-label = Öffentliche Seite
cities-public-yes = Ja, alle können die Seite und den Plan der Stadt sehen
cities-public-no = Nein, nur angemeldete Personen
cities-signatures = Unterzeichnungen
cities-signatures-hint = Für jede Charta, die die Stadt unterzeichnet hat, das Datum der Unterzeichnung im Format JJJJ-MM-TT (z. B. 2015-06-09). Leer lassen, wenn die Stadt sie nicht unterzeichnet hat.
cities-signed-on = Datum, an dem die Stadt die { $framework } unterzeichnet hat
cities-signed-on-error = Das Datum, an dem die Stadt die { $framework } unterzeichnet hat:
cities-register-submit = Die Stadt registrieren
cities-save = Änderungen speichern
cities-cancel = Abbrechen
cities-registered = { $city } wurde registriert. Fügen Sie ihre Kontakte hinzu, damit sie Erinnerungen an die Zwischenberichte erhalten.
cities-saved = Die Angaben zu { $city } wurden gespeichert.
cities-conflict = jemand anderes hat eine Änderung an dieser Stadt gespeichert, nachdem Sie diese Seite geöffnet haben; Ihre Änderungen wurden daher nicht gespeichert. Sie stehen noch im Formular: Vergleichen Sie sie mit den gespeicherten Angaben (öffnen Sie die Seite erneut, um diese zu sehen) und speichern Sie noch einmal

## A city's contacts
cities-contacts-title = Kontakte in { $city }
cities-contacts-lead = Die Personen in der Stadtverwaltung, die die E-Mails zu den Zwischenberichten erhalten: die Einladung zu jeder Runde und Erinnerungen vor und nach dem Fälligkeitsdatum.
cities-contact-add = Einen Kontakt hinzufügen
cities-contacts-personal = Namen und E-Mail-Adressen sind personenbezogene Daten: Nur das Netzwerksekretariat und die Bearbeitung für die Stadt sehen sie.
cities-contact-name = Name
cities-contact-email = E-Mail-Adresse
cities-contact-language = Sprache
cities-contact-office-role = Funktion in der Verwaltung
cities-contact-reminders = Erinnerungen
cities-contact-not-given = Nicht angegeben
cities-contact-role-not-given = Funktion nicht angegeben
cities-contact-receives = Erhält Erinnerungen
cities-contact-no-reminders = Keine Erinnerungen
cities-contact-remove = Entfernen
cities-contacts-none = { $city } hat noch keine Kontakte, daher erhält dort niemand die E-Mails zu den Zwischenberichten.
cities-contacts-back = Zurück zu { $city }
cities-contact-new-title = Einen Kontakt in { $city } hinzufügen
cities-contact-edit-title = Einen Kontakt in { $city } ändern
cities-contact-email-hint = Die E-Mails zu den Zwischenberichten werden an diese Adresse gesendet.
cities-contact-language-hint = Der zweistellige Code der Sprache, die die Person liest, z. B. en für Englisch, fr für Französisch, de für Deutsch. E-Mails werden auf Englisch, Französisch und Deutsch verfasst; andere Sprachen erhalten Englisch.
cities-contact-office-role-optional = Funktion in der Verwaltung (optional)
cities-contact-office-role-hint = Zum Beispiel Integrationsbeauftragte.
cities-contact-reminders-legend = Soll die Person die E-Mails zu den Zwischenberichten erhalten?
cities-contact-reminders-hint = Die Einladung zu jeder Zwischenberichtsrunde und Erinnerungen vor und nach dem Fälligkeitsdatum.
cities-yes = Ja
cities-no = Nein
cities-contact-add-submit = Den Kontakt hinzufügen
cities-contact-added = { $name } wurde zu den Kontakten in { $city } hinzugefügt.
cities-contact-saved = Die Angaben zu { $name } wurden gespeichert.
cities-contact-conflict = jemand anderes hat eine Änderung an diesem Kontakt gespeichert, nachdem Sie diese Seite geöffnet haben; Ihre Änderungen wurden daher nicht gespeichert. Sie stehen noch im Formular: Vergleichen Sie sie mit den gespeicherten Angaben (öffnen Sie die Seite erneut, um diese zu sehen) und speichern Sie noch einmal
cities-contact-remove-title = { $name } entfernen
cities-contact-remove-heading = { $name } aus den Kontakten in { $city } entfernen?
cities-contact-remove-detail = Die Person erhält keine E-Mails zu Zwischenberichten mehr. Links in bereits gesendeten E-Mails funktionieren weiter, bis ihre Runde endet.
cities-contact-remove-submit = Den Kontakt entfernen
cities-contact-removed = { $name } wurde aus den Kontakten in { $city } entfernt. Die Person erhält keine E-Mails mehr; Links in bereits gesendeten E-Mails funktionieren, bis ihre Runde endet.
