# User accounts (templates/pages/users.hbs, user.hbs, user_new.hbs; src/pages/users.rs).

users-title = Users
users-lead = Everyone who can sign in: the network secretariat, the city editors in each city’s office, and observers.
users-invite = Invite a user
users-caption = Users ({ $total })
users-name = Name
users-email = Email address
users-role = Role
users-city = City
users-state = State
users-every-city = Every city
users-none = There are no users yet.
users-role-secretariat = Network secretariat
users-role-city-editor = City editor
users-role-observer = Observer
users-role-secretariat-hint = Manages everything: cities, users, check-ins, reports.
users-role-city-editor-hint = Keeps one city’s action plan and reports its progress.
users-role-observer-hint = Sees every city and report, changes nothing.
users-no-city = No city (not a city editor)
users-city-hint = For a city editor, the city whose plan they keep.
users-state-active = Active
users-state-invited = Invited, no password yet
users-state-disabled = Disabled

## One account
users-created = Account created
users-change-heading = Change the details
users-save = Save the changes
users-signing-in = Signing in
users-disabled-no-link = The account is disabled, so no password link can be sent.
users-invited-detail = They have not chosen a password yet. Sending the invitation again makes the link in the earlier one stop working.
users-resend = Send the invitation again
users-reset-detail = Emails { $email } a link to choose a new password. It works for { $minutes } minutes; their current password keeps working until they use it.
users-reset-send = Send a password reset link
users-access = Access
users-disabled-detail = The account is disabled: nobody can sign in to it, and its API tokens do not work. Enabling it lets them sign in again with their password, and makes their tokens that were not revoked work again.
users-enable = Enable the account
users-own-account = This is your own account. Another member of the secretariat can disable it.
users-disable-detail = Disabling the account signs them out everywhere and stops their API tokens at once. You can enable it again later.
users-disable = Disable the account
users-tokens = API tokens
users-tokens-caption = API tokens of { $name } (times in { $zone })
users-token-label = Label
users-token-created = Created
users-token-state = State
users-actions = Actions
users-token-no-label = (no label)
users-token-revoked = Revoked { $when }
users-token-active = Active
users-token-revoke = Revoke
users-token-revoke-hidden = the token { $label }
users-no-tokens = { $name } has no API tokens. People create their own tokens on their account page.
users-back = Back to the users

## Inviting someone
users-new-detail = We will email them a link to choose their password. The link works for { $days } days; until they use it, nobody can sign in to the account.
users-email-hint = They will sign in with this address.
users-send-invitation = Send the invitation
users-cancel = Cancel

## Notices
users-invited = { $name } has been invited. An email is on its way to { $email } with a link to choose a password; the link works for { $days } days.
users-saved = The changes to the account of { $name } have been saved.
users-disabled = The account of { $name } is disabled: they have been signed out everywhere, and their API tokens no longer work.
users-enabled = The account of { $name } is enabled again: they can sign in, and their API tokens that were not revoked work again.
users-reset-sent = A link to choose a new password has been sent to { $email }. It works for { $minutes } minutes; their current password keeps working until they use it.
users-invitation-sent = The invitation has been sent again to { $email }. The link in the earlier invitation no longer works; the new one works for { $days } days.
users-token-revoked-notice = The token has been revoked: programs using it can no longer reach the API.
users-token-revoked-notice-label = The token “{ $label }” has been revoked: programs using it can no longer reach the API.
users-conflict = someone else saved a change to this account after you opened this page, so your changes were not saved. They are still in the form: check them against the saved details (open the page again to see those) and save again
