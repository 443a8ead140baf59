# Mistakes in forms, in plain words (src/error.rs FieldError::human). A key
# error-{kind}-{field} is the sentence for that field; error-{kind} the sentence for any
# field, with $label (the field's words on the form) and $lower (the same, first word in
# lower case).
error-fallback = { $reason }.
error-fallback-accepted = { $reason }. Accepted: { $accepted }.
error-required = Enter { $lower }
error-required-title = Enter a title
error-required-name = Enter a name
error-required-email = Enter an email address
error-required-commitment = Choose a commitment
error-required-password = Enter a password
error-too-long = { $label } must be { $max } characters or fewer (it has { $length })
error-not-a-date = { $label } must be a real date
error-choose = Choose { $lower } from the options
error-choose-country = Choose a country
error-choose-language = Choose a language
error-not-a-web-address = Enter a web address that starts with https:// or http://
error-not-an-email = Enter an email address in the correct format, like name@example.org
error-out-of-range = Enter { $lower } as a number from { $min } to { $max }
error-out-of-range-progress = Enter progress as a number from { $min } to { $max }
error-date-order = { $label } must be the same as or after { $other }
error-date-order-due_date = The due date must be the same as or after the start date ({ $other })
error-date-order-period_end = The end of the period must be the same as or after its start ({ $other })
