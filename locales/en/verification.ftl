# A city's self-assessments beside the verified ratings, and the secretariat's form to record a
# verification (/cities/{id}/verification).

verify-title = Self-assessment and verification: { $city }
verify-heading = Self-assessment and verification: { $city }
verify-lead = For each commitment, the city's own view in its latest check-in beside what the secretariat verified, on the same scale (Open Government Partnership: not started, limited, substantial, complete).
verify-caption = The city's view and the verified rating, per commitment
verify-col-commitment = Commitment
verify-col-self = The city's view
verify-col-verified = Verified
verify-col-note = Note and evidence
verify-not-assessed = Not assessed
verify-not-verified = Not verified
verify-differs = Differs
verify-record-heading = Record a verification
verify-commitment = Commitment
verify-choose-commitment = Choose a commitment
verify-level = Verified rating
verify-date = Date of the verification
verify-date-hint = For example 2026-11-30 (year-month-day)
verify-note = Note (optional)
verify-note-hint = What was checked, and how: a visit, documents, interviews.
verify-evidence = Evidence links (optional)
verify-evidence-hint = One per line: the web address (http:// or https://), then a space and a title if you like.
verify-button = Record the verification
verify-cancel = Cancel
verify-back = Back to { $city }
# The fields as error messages name them ("Enter the first day", "The first day must be a real date").
verify-field-commitment = The commitment
verify-field-level = The verified rating
verify-field-date = The date of the verification
verify-field-note = The note
verify-field-evidence = The evidence links
verify-recorded-notice = The verified rating of { $commitment } is recorded: { $level }.
