# Importing and exporting in the browser, and the open data page (templates/pages/export.hbs,
# import_upload.hbs, import_preview.hbs, import_done.hbs, open_data.hbs; src/pages/imports.rs).

## Downloading the data
exchange-export-title = Télécharger les données
exchange-export-scope = Tout ce que vous pouvez voir : { $scope }.
exchange-export-scope-city = votre ville, avec ses informations, contacts, plans, actions et valeurs d’indicateurs
exchange-export-scope-network = l’ensemble du réseau, avec chaque ville, ses contacts, plans, actions et valeurs d’indicateurs
exchange-xlsx-link = Un classeur Excel (.xlsx)
exchange-xlsx-detail = , une feuille par table ; il se réimporte tel quel.
exchange-csv-link = Une archive zip de fichiers CSV
exchange-csv-detail = avec un Frictionless Data Package qui décrit chaque table :
exchange-export-personal = Les fichiers contiennent les noms et adresses électroniques des contacts : conservez-les avec autant de soin que l’outil.

## Uploading a file
exchange-cities-heading = Importer des villes et leurs contacts
exchange-actions-heading = Importer des actions dans { $plan }
exchange-actions-heading-short = Importer des actions
exchange-cities-detail = Une ligne par ville, ou par contact : répétez la ligne d’une ville pour chacun de ses contacts. Un classeur peut aussi comporter ces feuilles : { $sheets } (un classeur exporté se réimporte tel quel).
exchange-actions-detail = Une ligne par action. Une action dont la colonne « { $column } » (ou, à défaut, le titre) figure déjà dans le plan est modifiée ; les autres sont ajoutées. Rien n’est supprimé.
exchange-template = Partez du modèle :
exchange-template-xlsx = modèle Excel (.xlsx)
exchange-template-or = ou
exchange-template-csv = modèle CSV
exchange-formats = Les engagements peuvent être indiqués par leur code (SP1) ou dans les termes de la Charte ; les dates sous la forme 2026-12-31 ou 31/12/2026 ; l’avancement sous la forme 30, 30 % ou 0,3.
exchange-see-first = Vous verrez chaque ligne et chaque erreur avant tout enregistrement.
exchange-file = Le fichier
exchange-file-hint = Un classeur Excel (.xlsx) ou un fichier CSV (UTF-8 ou tel qu’Excel l’enregistre), de { $megabytes } Mo et { $rows } lignes par feuille au plus.
exchange-file-hint-short = Un classeur Excel (.xlsx) ou un fichier CSV, de { $megabytes } Mo au plus.
exchange-preview = Prévisualiser l’import
exchange-choose-file = Choisissez un fichier à importer : un classeur Excel (.xlsx) ou un fichier CSV
exchange-file-too-large = les fichiers de { $megabytes } Mo au plus sont acceptés
exchange-unreadable = le fichier envoyé n’a pas pu être lu ({ $error })
exchange-default-file-name = { $kind ->
    [cities] fichier de villes
   *[other] fichier d’actions
}

## The preview
exchange-check-title = Vérifier l’import
exchange-mistakes-title = Le fichier contient des erreurs
exchange-preview-counts = { $file } : nouveaux : { $create } ; modifiés : { $update } ; inchangés : { $unchanged }. Rien n’a encore été enregistré.
exchange-preview-counts-mistakes = { $file } : nouveaux : { $create } ; modifiés : { $update } ; inchangés : { $unchanged } ; erreurs : { $mistakes }. Rien n’a encore été enregistré.
exchange-correct-heading = Corrigez ces erreurs dans le fichier, puis envoyez-le de nouveau
exchange-correct-detail = Rien dans le fichier ne sera importé tant que toutes les lignes ne sont pas correctes.
exchange-mistakes-caption = Erreurs ({ $count })
exchange-col-sheet = Feuille
exchange-col-row = Ligne
exchange-col-column = Colonne
exchange-col-found = Valeur trouvée
exchange-col-wrong = Problème
exchange-col-accepted = Valeurs acceptées
exchange-rows-caption = Ce que l’import va faire
exchange-col-what = Objet
exchange-col-name = Nom
exchange-col-outcome = Résultat
exchange-col-changes = Champs modifiés
exchange-outcome-create = Nouveau
exchange-outcome-update = Modifié
exchange-outcome-unchanged = Inchangé
exchange-outcome-refused = Contient une erreur
exchange-more-rows = { $count ->
    [one] Et { $count } autre ligne.
   *[other] Et { $count } autres lignes.
}
exchange-nothing-changes = Chaque ligne correspond à ce qui est déjà enregistré : l’importer ne changerait rien.
exchange-ignored = Non importé (colonnes ou feuilles inconnues de l’import) :
exchange-import = Importer ces lignes
exchange-another-file = Choisir un autre fichier
exchange-upload-corrected = Envoyer le fichier corrigé
exchange-expired = ce formulaire avait expiré, ou a été ouvert dans une autre session : rien n’a été importé ; envoyez de nouveau le fichier

## After importing
exchange-done-title = Import terminé
exchange-done-counts = { $file } : ajoutés : { $create } ; modifiés : { $update } ; laissés en l’état : { $unchanged }.
exchange-done-history = Chaque modification figure dans l’historique de l’objet modifié, avec la mention de cet import.
exchange-back-plan = Aller au plan de la ville
exchange-back-cities = Aller aux villes
exchange-not-imported = Rien n’a été importé
exchange-not-imported-detail = Les données ont changé depuis la prévisualisation : le fichier contient désormais des erreurs. Envoyez-le de nouveau pour les voir.
exchange-go-home = Aller à la page d’accueil
exchange-bad-format = format { $reason }

## Open data
exchange-open-data-title = Données ouvertes
exchange-open-data-lead = Les plans d’action, actions et valeurs d’indicateurs des villes qui publient leur plan, librement réutilisables sous la licence
exchange-xlsx-open-detail = , une feuille par table
exchange-csv-open-detail = avec un Frictionless Data Package :
exchange-open-data-no-personal = Aucune donnée personnelle : ni contacts, ni noms de personnes. Les indicateurs marqués comme sensibles sont exclus, de sorte qu’aucune valeur d’une ville isolée n’est publiée pour ces indicateurs.
