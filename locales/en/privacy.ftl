# Personal data: the public privacy page, and the secretariat's pages to find, download and
# erase what is held about one person (templates/pages/privacy.hbs, people.hbs, person.hbs;
# src/pages/privacy.rs).

## The public privacy page
privacy-title = Privacy: your personal data
privacy-lead = This service is run by the { $network } secretariat, which decides what personal data it keeps and is responsible for it. It keeps as little as it needs to follow the cities’ action plans and to send the check-in emails.
privacy-kept-heading = What we keep, and why
privacy-contacts = Cities’ contacts
privacy-contacts-detail = Name, email address, the language they read and their role in the office, entered by the secretariat or the city’s editors, so the check-in emails reach the right people in the language they read. Kept while the city has them as a contact.
privacy-users = Users of the tracker
privacy-users-detail = Email address, name, role (and city, for a city’s editors), the password as a one-way argon2id hash (never the password itself), browser sessions (ended after { $idle } minutes without activity, and after { $hours } hours at most) and API tokens (as hashes, until revoked), so that only the right people can see and change a city’s data. Kept while the account exists.
privacy-emails = Emails sent
privacy-emails-detail = For each email: the recipient’s name and address, the subject and the text, so the secretariat can see what was sent and send a failed email again. The recipient and the text are erased { $days } days after the email was sent; the subject, kind and dates stay, so the counts of emails sent stay right.
privacy-sign-ins = Sign-in records
privacy-sign-ins-detail = Each attempt to sign in: the email address typed, the network address it came from, whether it succeeded, and when, to slow down people guessing passwords. Deleted after one day.
privacy-history = History of changes
privacy-history-detail = Every change to a city, plan, action, contact or indicator value records who made it (a user’s email address, or a contact’s name and address when they used an emailed check-in link) and, for a contact, their details before and after. Kept as long as the object, so that changes can be checked.
privacy-no-personal-data = Published reports and the cities’ plans and actions contain no personal data.
privacy-who-heading = Who sees it
privacy-who = The secretariat, and a city’s own editors for that city’s contacts. Observers and other cities do not see contacts’ names and addresses, and the public never does.
privacy-rights-heading = Your rights, and who to ask
privacy-rights = You may ask the { $network } secretariat for a copy of everything held about you, to correct it, or to have it erased. The secretariat can export everything held about an email address and erase it: your contact entry and account are deleted, and where a record must still say that someone made a change, your name and address are replaced by a pseudonym such as “erased contact 12”.
privacy-write = Write to the { $network } secretariat, the body that runs this service. If you are not satisfied with the answer, you may complain to your country’s data protection authority.

## Finding a person
privacy-people-title = Personal data
privacy-people-lead = See everything held about one person, download it, or erase them, as the GDPR asks when someone requests a copy or erasure of their data.
privacy-people-see = For what is kept, see the
privacy-people-page-link = privacy page
privacy-email = Email address
privacy-email-hint = Their contacts in every city, their user account, the emails sent to them, sign-in records, and every record naming them are found by this address.
privacy-show = Show what is held
privacy-confirmation = Confirmation

## What is held about a person
privacy-person-title = Personal data held about { $email }
privacy-person-contacts = Contacts
privacy-person-contact-language = (language { $language })
privacy-none = None
privacy-person-user = User account
privacy-person-user-id = User { $id }
privacy-person-disabled = (disabled)
privacy-person-sessions = { $sessions ->
    [one] 1 session
   *[other] { $sessions } sessions
}
privacy-person-tokens = { $tokens ->
    [one] 1 API token
   *[other] { $tokens } API tokens
}
privacy-person-emails = Emails sent to them
privacy-person-emails-count = { $count } ({ $bodies } still with their text)
privacy-person-history = History entries
privacy-person-links-label = Check-in links and events
privacy-person-links = { $links ->
    [one] 1 link
   *[other] { $links } links
}
privacy-person-events = { $events ->
    [one] 1 event
   *[other] { $events } events
}
privacy-person-sign-ins = Sign-in records
privacy-person-mentions = Other records naming them
privacy-download = Download as JSON
privacy-erase-heading = Erase this person
privacy-erase-detail = Their contacts and user account are deleted, with their sessions, API tokens, check-in links and sign-in records. Wherever a record must still say that someone made a change (history, emails sent, check-ins), their name and address are replaced by a pseudonym such as “erased contact 12”. Plans, actions and reports stay as they are. This cannot be undone.
privacy-erase-confirm = I understand that everything held about { $email } will be erased for good
privacy-erase = Erase this person
privacy-cancel = Cancel
privacy-erased = { $contacts ->
    [one] Everything held about { $email } has been erased: 1 contact deleted; where a record must still name them it now says “{ $pseudonym }”.
   *[other] Everything held about { $email } has been erased: { $contacts } contacts deleted; where a record must still name them it now says “{ $pseudonym }”.
}
privacy-erased-with-account = { $contacts ->
    [one] Everything held about { $email } has been erased: 1 contact and their user account deleted; where a record must still name them it now says “{ $pseudonym }”.
   *[other] Everything held about { $email } has been erased: { $contacts } contacts and their user account deleted; where a record must still name them it now says “{ $pseudonym }”.
}
