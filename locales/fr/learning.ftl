# Learning from peers: a city's context figures and the good-practice library
# (src/pages/learning.rs).

## The city's context
learn-context-title = { $city } : contexte
learn-context-back = Retour à { $city } : apprendre de ses pairs
learn-context-heading = { $city } : population et habitants nés à l’étranger
learn-context-lead = Ces chiffres situent { $city } parmi les villes de sa taille et celles dont la part d’habitants nés à l’étranger est comparable. Laissez un chiffre vide si vous ne l’avez pas.
learn-population = Population
learn-population-hint = Le nombre d’habitants, par exemple 350000
learn-population-year = Année du chiffre de population
learn-year-hint = Par exemple 2024
learn-born-abroad-percent = Habitants nés à l’étranger, en pourcentage
learn-born-abroad-field = Habitants nés à l’étranger
learn-born-abroad-percent-hint = De 0 à 100, par exemple 23,5
learn-born-abroad-year = Année de ce chiffre
learn-source = Source
learn-source-hint = L’origine des chiffres, par exemple l’institut national de statistique
learn-save = Enregistrer
learn-cancel = Annuler
learn-must-be-residents = : doit être un nombre entier d’habitants, par exemple 350000
learn-must-be-year = : doit être une année, par exemple 2024
learn-must-be-percent = : doit être un pourcentage de 0 à 100, par exemple 23,5
learn-context-saved = Le contexte de la ville est enregistré.

## The good-practice library
learn-practices-title = Bonnes pratiques
learn-practices-lead = Les actions que le réseau a publiées comme bonnes pratiques dans ses rapports de résultats, dans les mots des villes.
learn-practices-feed = Suivre les nouvelles bonnes pratiques (flux Atom)
learn-practices-search = Les rechercher parmi les autres actions du réseau
learn-practices-by-commitment = Par engagement
learn-practices-all-count = Toutes ({ $count })
learn-practices-report = rapport { $period }, publié le { $date }
learn-practices-none = Aucune bonne pratique n’a encore été publiée. Le secrétariat désigne les bonnes pratiques lorsqu’il établit un rapport de résultats.
learn-practices-all = Toutes les bonnes pratiques
learn-practice-lead = bonne pratique du rapport de résultats { $period }
learn-practice-at-publication = À la publication
learn-practice-done = { $status }, { $progress } % réalisé
learn-practice-published = Publié
learn-practice-version = le { $date } (version { $version })
learn-practice-words = Dans les mots de la ville
learn-practice-report = Le rapport dont elle est issue
learn-practice-action = L’action telle qu’elle est aujourd’hui
learn-practice-others = Actions des autres villes sur { $commitment }

## Apprendre des pairs (/cities/{id}/learn)
learn-back = Retour au plan de { $city }
learn-heading = { $city } : apprendre des pairs
learn-lead = Comment { $city } se situe par rapport aux villes comparables, et quelles villes agissent là où { $city } n’agit pas encore.
learn-page-context = Contexte
learn-born-abroad = Habitants nés à l’étranger
learn-no-context = Aucune population ni part d’habitants nés à l’étranger n’est enregistrée : { $city } est donc comparée à l’ensemble du réseau uniquement.
learn-change-context = Modifier la population de la ville et la part de personnes nées à l’étranger
learn-add-context = Ajouter la population de la ville et la part de personnes nées à l’étranger
learn-compares = Comment { $city } se situe
learn-compare-caption = Engagements couverts (au moins une action non annulée) et avancement moyen de ces actions, par rôle. Les moyennes de groupes de moins de { $threshold } villes ne sont pas affichées.
learn-col-role = Rôle
learn-col-same-size = Villes de même taille
learn-col-same-share = Part comparable de personnes nées à l’étranger
learn-col-network = Le réseau
learn-covered-of = { $covered } sur { $total }
learn-done = , { $progress } % réalisé
learn-withheld = moins de { $threshold } villes
learn-size-band = Villes de même taille : { $band }.
learn-share-band = Part comparable : { $band }.
learn-sentence = { $sentence }.
learn-sentence-covered = { $covered } engagements couverts sur { $total }
learn-sentence-same-size = ; les villes de même taille en couvrent { $average } en moyenne
learn-sentence-network = ; les villes du réseau en couvrent { $average } en moyenne
learn-from-heading = Apprendre de
learn-from-lead = Pour chaque engagement que { $city } ne couvre pas encore ou évalue bas, jusqu’à { $count } villes qui agissent dessus. Leur score :
learn-weight-completed = { $points } points par action terminée sur l’engagement
learn-weight-advanced = { $points } point par action en cours réalisée à { $progress } % au moins
learn-weight-good-practice = { $points } points par action publiée comme bonne pratique
learn-weight-context = { $size } point pour une ville de même taille, { $share } pour une part comparable de personnes nées à l’étranger
learn-weight-recent = { $points } point si l’une de ses actions sur l’engagement a été mise à jour dans les { $days } derniers jours
learn-why = Pourquoi : { $reasons }.
learn-score = score { $score }
learn-part = { $reason } : { $points ->
    [one] { $points } point
   *[other] { $points } points
}
learn-good-practice = Bonne pratique
learn-no-suggestion = Aucune ville que vous pouvez voir n’a encore terminé ou fait avancer une action sur cet engagement.
learn-every-action-on = Toutes les actions sur { $commitment } que vous pouvez voir
learn-covers-all = { $city } couvre tous les engagements et n’en évalue aucun bas.
learn-explore = Explorer les actions du réseau.
