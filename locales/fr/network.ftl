# Le réseau en un coup d’œil (templates/pages/network.hbs, partials/network_row.hbs, src/pages/network.rs).

network-title = Le réseau en un coup d’œil
network-frameworks-label = Cadres
network-lead = { $count ->
    [one] 1 ville signataire de la { $framework } ; { $adopted } avec un plan d’action adopté.
   *[other] { $count } villes signataires de la { $framework } ; { $adopted } avec un plan d’action adopté.
}
network-download = Télécharger les données
network-download-formats = (Excel ou CSV)
network-import = Importer des villes depuis un fichier
network-pairing = Binômes de revue par les pairs
network-explore = Parcourir les actions de toutes les villes
network-round = Campagne de points d’étape
network-round-counts = envoyés à temps : { $on_time } ; envoyés en retard : { $late } ; encore ouverts : { $open } ; en retard : { $overdue } ; manqués : { $missed }.
network-no-round = Aucune campagne de points d’étape n’a encore été ouverte.

## The filter
network-filter-label = Filtrer les villes
network-filter-country = Pays
network-filter-plan = Plan d’action
network-filter-coverage = Engagements couverts
network-filter-overdue = Actions en retard
network-filter-check-in = Dernier point d’étape
network-filter-submit = Afficher ces villes
network-filter-every-city = Afficher toutes les villes
network-any-country = Tous les pays
network-any = Tous
network-plan-adopted = Plan adopté
network-plan-draft = Plan en projet
network-plan-none = Aucun plan
network-coverage-all = Tous les engagements
network-coverage-some = Certains engagements
network-coverage-none = Aucun engagement
network-overdue-yes = Avec des actions en retard
network-overdue-no = Sans action en retard
network-outcome-on-time = Envoyé à temps
network-outcome-late = Envoyé en retard
network-outcome-open = Encore ouvert
network-outcome-overdue = En retard
network-outcome-missed = Manqué
network-outcome-not-asked = Non demandé
network-bad-filter = le filtre { $field } « { $value } » n’est pas connu de cette page ; valeurs acceptées : { $accepted }
network-bad-country = un code ISO 3166 à deux lettres

## The table
network-caption = Engagements couverts par le plan de chaque ville, par rôle, et dernier point d’étape
network-caption-filtered = ({ $shown } villes sur { $count } correspondent au filtre)
network-caption-all = { $shown ->
    [one] (1 ville)
   *[other] ({ $shown } villes)
}
network-col-city = Ville
network-col-overdue = Actions en retard
network-col-stale = Actions non mises à jour
network-col-check-in = Point d’étape
network-col-check-in-round = Point d’étape { $round }
network-cell-all = Tous
network-cell-some = Certains
network-cell-none = Aucun
network-cell-covered = { $covered } sur { $total }
network-row-draft-plan = Plan en projet
network-row-no-plan = Aucun plan
network-row-not-asked = Non demandé
network-key = « Tous », « Certains » et « Aucun » indiquent combien d’engagements d’un rôle ont au moins une action non annulée. « Actions non mises à jour » compte les actions en cours que personne n’a mises à jour depuis { $days } jours ou plus.
network-fewer-pages = Cette liste compte moins de pages :
network-first-page = aller à la première page
network-no-match = Aucune ville ne correspond à ce filtre :
network-show-every-city = afficher toutes les villes
network-empty = Aucune ville n’a encore signé ce cadre ni commencé de plan à ce titre.

## Getting started (an empty network)
network-start-heading = Pour commencer
network-start-register = Enregistrer une ville
network-start-register-after = , avec la date de sa signature, puis ajouter ses contacts : les personnes qui reçoivent les courriels des points d’étape.
network-start-import = Importer un fichier
network-start-import-after = des villes et de leurs contacts que le réseau tient déjà dans un tableur (Excel ou CSV ; un modèle est fourni pour commencer).
network-start-invite = Inviter l’agent d’une ville
network-start-invite-after = comme rédacteur·rice de la ville, pour saisir son plan d’action.
network-start-demo = Pour découvrir l’outil d’abord, chargez le réseau de démonstration dans une base de données vide :
network-start-demo-after = (une quarantaine de villes avec des plans inventés, une année de points d’étape et un rapport publié).

## Shared by the secretariat's lists and forms (src/pages/admin.rs)
network-page-number-bad = le numéro de page « { $number } » n’est pas un nombre entier égal ou supérieur à 1
# A date and a time of day: "24 novembre 2026 à 10:11".
network-date-time = { $date } à { $time }
