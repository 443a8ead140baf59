# The secretariat's list of cities, the city form and a city's contacts
# (templates/pages/cities.hbs, city_form.hbs, contacts.hbs, contact_form.hbs, contact_remove.hbs;
# src/pages/cities.rs, contacts.rs).

## The list of cities
cities-title = Cities
cities-lead = The cities that signed a charter of the network, and when they signed it.
cities-register = Register a city
cities-search-label = Cities
cities-search-name = Search by name
cities-search-submit = Search
cities-show-every-city = Show every city
cities-caption-search = Cities whose name contains “{ $q }” ({ $total })
cities-caption = Signatory cities ({ $total })
cities-col-city = City
cities-col-country = Country
cities-col-signed = Signed
cities-col-public = Public page
cities-col-actions = Actions
cities-nothing-signed = Nothing signed yet
cities-public = Public
cities-not-public = Not public
cities-change = Change
cities-contacts = Contacts
cities-contacts-hidden = in { $city }
cities-none-found = No city’s name contains “{ $q }”.
cities-none-yet = No city has been registered yet.

## Registering or changing a city
cities-new-title = Register a city
cities-new-heading = Register a signatory city
cities-edit-title = Change { $city }
cities-edit-heading = Change the details of { $city }
cities-field-name = Name
cities-field-name-hint = As the city writes it, e.g. Malmö, Łódź, Zürich.
cities-field-country = Country
cities-field-country-choose = Choose a country
cities-field-public = Should the city’s page be public?
cities-field-public-hint = A public page shows the city’s action plan and progress to anyone, without signing in.
cities-field-public-label = Public page
cities-public-yes = Yes, anyone can see the city's page and plan
cities-public-no = No, only people who sign in
cities-signatures = Signatures
cities-signatures-hint = For each charter the city has signed, the date it signed, as YYYY-MM-DD (e.g. 2015-06-09). Leave it empty if the city has not signed it.
cities-signed-on = Date the city signed { $framework }
cities-signed-on-error = The date the city signed { $framework }:
cities-register-submit = Register the city
cities-save = Save the changes
cities-cancel = Cancel
cities-registered = { $city } has been registered. Add its contacts so they receive check-in reminders.
cities-saved = The details of { $city } have been saved.
cities-conflict = someone else saved a change to this city after you opened this page, so your changes were not saved. They are still in the form: check them against the saved details (open the page again to see those) and save again

## A city's contacts
cities-contacts-title = Contacts in { $city }
cities-contacts-lead = The people in the city’s office who receive the check-in emails: the invitation to each round, and reminders before and after the due date.
cities-contact-add = Add a contact
cities-contacts-personal = Names and email addresses are personal data: only the secretariat and the city’s own editors see them.
cities-contact-name = Name
cities-contact-email = Email address
cities-contact-language = Language
cities-contact-office-role = Role in the office
cities-contact-reminders = Reminders
cities-contact-not-given = Not given
cities-contact-role-not-given = Role not given
cities-contact-receives = Receives reminders
cities-contact-no-reminders = No reminders
cities-contact-remove = Remove
cities-contacts-none = { $city } has no contacts yet, so nobody there receives check-in emails.
cities-contacts-back = Back to { $city }
cities-contact-new-title = Add a contact in { $city }
cities-contact-edit-title = Change a contact in { $city }
cities-contact-email-hint = Check-in emails are sent to this address.
cities-contact-language-hint = The two-letter code of the language they read, e.g. en for English, fr for French, de for German. Emails are written in English, French and German; other languages get English.
cities-contact-office-role-optional = Role in the office (optional)
cities-contact-office-role-hint = For example, Integration officer.
cities-contact-reminders-legend = Should they receive the check-in emails?
cities-contact-reminders-hint = The invitation to each check-in round, and reminders before and after the due date.
cities-yes = Yes
cities-no = No
cities-contact-add-submit = Add the contact
cities-contact-added = { $name } has been added to the contacts of { $city }.
cities-contact-saved = The details of { $name } have been saved.
cities-contact-conflict = someone else saved a change to this contact after you opened this page, so your changes were not saved. They are still in the form: check them against the saved details (open the page again to see those) and save again
cities-contact-remove-title = Remove { $name }
cities-contact-remove-heading = Remove { $name } from the contacts of { $city }?
cities-contact-remove-detail = They will get no more check-in emails. Links in emails already sent to them keep working until their round closes.
cities-contact-remove-submit = Remove the contact
cities-contact-removed = { $name } has been removed from the contacts of { $city }. They will get no more emails; links in emails already sent to them work until their round closes.
