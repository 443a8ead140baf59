# Signing in and out, password links and the account page (src/pages/session.rs).

## Sign in
session-sign-in-title = Sign in
session-sign-in-intro = Sign in to keep your city's action plan and report its progress, or to follow the network's cities.
session-email-label = Email address
session-password-label = Password
session-sign-in-button = Sign in
session-forgot-link = Forgot your password?
session-no-account = No account yet? The network secretariat creates accounts for the people in each signatory city's office.
session-email-empty = is empty
session-email-empty-accepted = the email address your account was created with
session-password-empty = is empty
session-wrong = the email address or the password is not right; check both, or reset your password if you have forgotten it
session-locked = there have been too many failed attempts to sign in, so signing in is paused until { $time } on { $date } ({ $zone }). You can reset your password in the meantime

## Sign out
session-sign-out-title = Sign out
session-sign-out-question = Do you want to sign out of the Charter tracker on this device?
session-sign-out-button = Sign out
session-already-signed-out = You are signed out.
session-signed-out = You have signed out.

## Forgotten password
session-forgot-title = Reset your password
session-forgot-intro = Enter the email address you sign in with. If it belongs to an account, we will send it a link to choose a new password.
session-forgot-button = Send the link
session-back-to-sign-in = Back to sign in
session-check-email-title = Check your email
session-check-email-sent = If { $email } belongs to an account, we have sent it a link to choose a new password. { $minutes ->
    [one] The link works for 1 minute.
   *[other] The link works for { $minutes } minutes.
}
session-check-email-nothing = If nothing arrives within a few minutes, check your spam folder, or ask the network secretariat.

## Password links
session-link-unknown-title = This link does not work
session-link-unknown-text = Check that you copied the whole address from the email. Links from older emails stop working when a newer one is sent.
session-link-expired-title = This link has expired
session-link-expired-text = For your security, password links work for a limited time. Ask for a new one below.
session-link-used-title = This link has already been used
session-link-used-text = Each link can be used once. If you need to change your password again, ask for a new link.
session-link-ask-new = Ask for a new link
session-choose-new-password = Choose a new password
session-choose-your-password = Choose your password
session-set-for-account = For the account
session-set-intro = Choose a password of at least 10 characters; a few unrelated words make a good one.
session-new-password-label = New password
session-new-password-hint = At least 10 characters.
session-confirm-label = Type the new password again
session-confirm-field = The repeated password
session-current-password-label = Current password
session-set-button = Save the password and sign in
session-password-saved = Your password has been saved and you are signed in.

## Account
session-account-title = Your account
session-name = Name
session-access = Access
session-access-for = for
session-change-password-heading = Change your password
session-change-password-hint = At least 10 characters. Changing it signs you out on your other devices.
session-change-password-button = Change password
session-password-changed = Your password has been changed. Any other devices signed in to your account have been signed out.
session-tokens-heading = API tokens
session-tokens-intro-before = Programs that use the tracker's API send a token instead of your password. A token can do what you can do; revoke any you no longer use.
session-tokens-description-link = Read the description of the API
session-tokens-caption = Your API tokens
session-token-label-column = Label
session-token-created-column = Created
session-token-state-column = State
session-token-action-column = Action
session-token-no-label = (no label)
session-token-revoked = Revoked { $date }
session-token-active = Active
session-token-revoke = Revoke
session-token-revoke-hidden = token { $label }
session-no-tokens = You have no API tokens.
session-new-token-label = Label for a new token
session-new-token-hint = So you recognise it later, e.g. “monitoring spreadsheet”.
session-new-token-field = The label
session-create-token-button = Create a token
session-revoke-expired = this form had expired, so the token was not revoked. Try again
session-token-revoked-notice = The token has been revoked: programs using it can no longer reach the API.

## A new token
session-token-created-title = Your new API token
session-token-copy-now = Copy it now and keep it somewhere safe: it is shown only this once.
session-token-field = Token
session-token-field-named = Token “{ $label }”
session-token-how = Send it with every API request as the header
session-back-to-account = Back to your account
# The header itself: the same in every language.
session-token-header = Authorization: Bearer …
