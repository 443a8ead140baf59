# Exploring the network's actions (/actions, src/pages/search.rs).
search-title = Explorer les actions du réseau
search-lead = Ce que font les villes signataires pour chaque engagement de la Charte : recherchez leurs actions, affinez les résultats et apprenez les unes des autres.
search-public-only = Voici les actions des villes dont la page est publique.
search-library-link = La bibliothèque des bonnes pratiques
search-library-after = { " " }rassemble celles que le réseau a publiées comme bonnes pratiques.
search-own-city = Les actions de votre ville sont incluses, avec celles des villes dont la page est publique.
search-form-label = Actions
search-words = Mots à rechercher
search-words-hint = Dans les titres, descriptions, services, partenaires et noms de villes. Les accents et les majuscules n’ont pas d’importance.
search-sort = Trier par
search-button = Rechercher
search-clear = Effacer la recherche et tous les filtres
search-results = { $first } à { $last } sur { $total ->
    [one] 1 action
   *[other] { $total } actions
}
search-none = Aucune action trouvée
search-narrowed = Filtré par :
search-filter = { $heading } : { $label }
search-remove = Retirer
search-remove-filter-hidden = le filtre { $heading } : { $label }
search-remove-this-hidden = ce filtre
search-try-fewer = Essayez avec moins de mots ou d’autres mots, ou retirez un filtre.
search-done = { $progress } % réalisé
search-good-practice = Bonne pratique
search-not-updated-since = Pas mise à jour depuis le { $date }
search-updated = mise à jour le { $date }
search-as-data = Les mêmes résultats sous forme de données :
search-api-link = JSON de l’API
search-narrow-heading = Affiner les résultats
search-yes = Oui
search-no = Non

## Sorting
search-sort-relevance = Pertinence
search-sort-recent = Mises à jour récentes
search-sort-title = Titre
search-sort-city = Ville
search-sort-progress = Avancement (le plus élevé d’abord)

## Facets (headings) and the fields named in errors
search-facet-role = Rôle
search-facet-commitment = Engagement
search-facet-policy-area = Domaine d’action publique
search-facet-status = Statut
search-facet-delivery = Mise en œuvre par la ville
search-facet-country = Pays
search-facet-good-practice = Bonne pratique dans un rapport publié
search-facet-stale = Pas mise à jour depuis un moment
search-facet-framework = Cadre
search-field-delivery = Mise en œuvre
search-field-good-practice = Bonne pratique
search-field-stale = Pas mise à jour
search-field-page = Page
search-field-per-page = Résultats par page
