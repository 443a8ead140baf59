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
