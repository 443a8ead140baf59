# Importing and exporting in the browser, and the open data page (templates/pages/export.hbs,
# import_upload.hbs, import_preview.hbs, import_done.hbs, open_data.hbs; src/pages/imports.rs).

## Downloading the data
exchange-export-title = Download the data
exchange-export-scope = Everything you may see: { $scope }.
exchange-export-scope-city = your city: its details, contacts, plans, actions and indicator values
exchange-export-scope-network = the whole network: every city, its contacts, plans, actions and indicator values
exchange-xlsx-link = One Excel workbook (.xlsx)
exchange-xlsx-detail = , a sheet per table; it imports back as it is.
exchange-csv-link = A zip of CSV files
exchange-csv-detail = with a Frictionless Data Package that describes each table:
exchange-export-personal = The files hold contacts' names and email addresses: keep them as safely as the tracker does.

## Uploading a file
exchange-cities-heading = Import cities and their contacts
exchange-actions-heading = Import actions into { $plan }
exchange-actions-heading-short = Import actions
exchange-cities-detail = One row per city, or per contact: repeat a city's row for each of its contacts. A workbook may also have these sheets: { $sheets } (an exported workbook imports back as it is).
exchange-actions-detail = One row per action. An action whose “{ $column }” (or, without one, its title) is already in the plan is changed; the others are added. Nothing is removed.
exchange-template = Start from the template:
exchange-template-xlsx = Excel template (.xlsx)
exchange-template-or = or
exchange-template-csv = CSV template
exchange-formats = Commitments may be given by code (SP1) or in the Charter's words; dates as 2026-12-31 or 31/12/2026; progress as 30, 30% or 0.3.
exchange-see-first = You will see every row and every mistake before anything is saved.
exchange-file = The file
exchange-file-hint = An Excel workbook (.xlsx) or a CSV file (UTF-8 or as Excel saves it), at most { $megabytes } MB and { $rows } rows a sheet.
exchange-file-hint-short = An Excel workbook (.xlsx) or a CSV file, at most { $megabytes } MB.
exchange-preview = Preview the import
exchange-choose-file = Choose a file to import: an Excel workbook (.xlsx) or a CSV file
exchange-file-too-large = files of at most { $megabytes } MB are accepted
exchange-unreadable = the upload could not be read ({ $error })
exchange-default-file-name = { $kind ->
    [cities] cities file
   *[other] actions file
}

## The preview
exchange-check-title = Check the import
exchange-mistakes-title = The file has mistakes
exchange-preview-counts = { $file }: { $create } new, { $update } changed, { $unchanged } unchanged. Nothing has been saved yet.
exchange-preview-counts-mistakes = { $mistakes ->
    [one] { $file }: { $create } new, { $update } changed, { $unchanged } unchanged, 1 mistake. Nothing has been saved yet.
   *[other] { $file }: { $create } new, { $update } changed, { $unchanged } unchanged, { $mistakes } mistakes. Nothing has been saved yet.
}
exchange-correct-heading = Correct these in the file, then upload it again
exchange-correct-detail = Nothing in the file will be imported until every row is right.
exchange-mistakes-caption = Mistakes ({ $count })
exchange-col-sheet = Sheet
exchange-col-row = Row
exchange-col-column = Column
exchange-col-found = Found
exchange-col-wrong = What is wrong
exchange-col-accepted = What is accepted
exchange-rows-caption = What the import will do
exchange-col-what = What
exchange-col-name = Name
exchange-col-outcome = Outcome
exchange-col-changes = Fields that change
exchange-outcome-create = New
exchange-outcome-update = Changed
exchange-outcome-unchanged = Unchanged
exchange-outcome-refused = Has a mistake
exchange-more-rows = { $count ->
    [one] And 1 more row.
   *[other] And { $count } more rows.
}
exchange-nothing-changes = Every row matches what is already saved: importing it would change nothing.
exchange-ignored = Not imported (columns or sheets the import does not know):
exchange-import = Import these rows
exchange-another-file = Choose another file
exchange-upload-corrected = Upload the corrected file
exchange-expired = this form had expired, or was opened in another session, so nothing was imported; upload the file again

## After importing
exchange-done-title = Import complete
exchange-done-counts = { $file }: { $create } added, { $update } changed, { $unchanged } left as they were.
exchange-done-history = Every change is in the history of the object it changed, naming this import.
exchange-back-plan = Go to the city's plan
exchange-back-cities = Go to the cities
exchange-not-imported = Nothing was imported
exchange-not-imported-detail = The data changed since the preview, so the file now has mistakes. Upload it again to see them.
exchange-go-home = Go to the home page
exchange-bad-format = format { $reason }

## Open data
exchange-open-data-title = Open data
exchange-open-data-lead = The action plans, actions and indicator values of the cities that publish their plan, free to reuse under the licence
exchange-xlsx-open-detail = , a sheet per table
exchange-csv-open-detail = with a Frictionless Data Package:
exchange-open-data-no-personal = No personal data: no contacts, no names of people. Indicators marked sensitive are left out, so no single city's value of one is published.
