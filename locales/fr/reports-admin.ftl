# La gestion des rapports de résultats par le secrétariat du réseau (/reports/manage) et la page
# d’administration d’un rapport (/reports/manage/{id}).

## Mots communs aux deux pages
reports-version = Version { $number }
reports-not-yet = Pas encore

## La liste des rapports et le formulaire pour préparer un projet
reports-manage-title = Rapports de résultats
reports-manage-heading = Rapports de résultats
reports-manage-lead = Le rapport périodique du réseau sur la mise en œuvre de la Charte par les villes signataires, établi à partir de ce que les villes ont saisi : plans, actions, points d’étape et indicateurs. Préparez un projet, relisez-le, signalez les bonnes pratiques, puis publiez-le.
reports-manage-public = Les rapports publiés sont publics.
reports-manage-public-link = Voir la liste des rapports publiés
reports-manage-list-heading = Rapports
reports-manage-caption = Rapports, période la plus récente en premier
reports-manage-col-report = Rapport
reports-manage-col-published = Publié
reports-manage-col-draft = Projet
reports-manage-col-good-practices = Bonnes pratiques
reports-manage-none = Aucun rapport n’a encore été préparé.
reports-compile-heading = Préparer un projet
reports-compile-intro = Le projet compte les plans et les actions tels qu’ils sont aujourd’hui, ainsi que les points d’étape et les valeurs des indicateurs de la période. Préparer à nouveau une période met son projet à jour ; après une publication, cela ouvre une correction.
reports-compile-framework = Cadre de référence
reports-compile-from = Premier jour
reports-compile-from-hint = Par défaut, le cycle de rapport en cours.
reports-compile-to = Dernier jour
reports-compile-button = Préparer le projet
reports-compiled = Le projet de version { $number } est prêt.
reports-compiled-again = Le projet de version { $number } a été préparé à nouveau avec les données les plus récentes.
# Les noms des champs tels que le formulaire les montre, pour les messages d’erreur.
reports-field-framework = Cadre de référence
reports-field-from = Premier jour
reports-field-to = Dernier jour
reports-secretariat-only = les projets de rapport de résultats sont réservés au secrétariat du réseau ; les rapports publiés se trouvent sur /reports

## Un rapport
reports-admin-all = Tous les rapports
reports-admin-published = Publié
reports-admin-published-at = Version { $number }, à l’adresse
reports-admin-draft = Projet
reports-admin-draft-compiled = Version { $number }, préparée le { $when } par { $by }
reports-admin-no-draft = Aucun : préparez-en un pour corriger la version publiée
reports-admin-read-draft = Lire le projet
reports-admin-read-draft-hidden = de { $period }
reports-admin-compile-again = Préparer à nouveau avec les données les plus récentes
reports-admin-compile-correction = Préparer un projet de correction
reports-admin-good-practice-heading = Bonnes pratiques
reports-admin-good-practice-intro = Les actions signalées ici sont mises en avant dans le rapport, avec le récit de la ville. Ces signalements restent attachés au rapport d’une correction à l’autre.
reports-admin-unmark = Retirer le signalement
reports-admin-none-marked = Aucune action n’est encore signalée.
reports-admin-city = Afficher les actions d’une ville
reports-admin-city-button = Afficher ses actions
reports-admin-candidates-caption = Actions de la ville choisie
reports-admin-col-action = Action
reports-admin-col-state = État
reports-admin-col-mark = Signaler
reports-admin-good-practice-tag = Bonne pratique
reports-admin-mark = Signaler comme bonne pratique
reports-admin-no-candidates = Cette ville n’a aucune action dans ce cadre de référence.
reports-admin-publish-heading = Publier la version { $number }
reports-admin-publish-freeze = La publication fige les chiffres et les pages du projet tels qu’ils sont : les modifications ultérieures des données ne les changent jamais.
reports-admin-publish-address = Le rapport devient public, avec ses données en JSON et en CSV, à cette adresse :
reports-admin-publish-read-first = Lisez d’abord le projet, et préparez-le à nouveau si les données ont changé.
reports-admin-changelog = Ce que corrige cette version
reports-admin-changelog-hint = Obligatoire pour une correction : ce texte est affiché avec la nouvelle version, à côté de la liste des chiffres qui ont changé.
reports-admin-note = Une remarque sur cette version (facultatif)
reports-admin-publish-button = Publier la version { $number }
reports-admin-versions-heading = Versions
reports-admin-versions-caption = Toutes les versions de ce rapport, la plus récente en premier
reports-admin-col-version = Version
reports-admin-col-compiled = Préparée
reports-admin-col-published = Publiée
reports-admin-col-changes = Modifications
reports-admin-draft-tag = Projet
reports-admin-when-by = { $when } par { $by }
reports-admin-title = { $framework } : { $period }
reports-admin-field-changelog = Ce que corrige cette version
reports-admin-published-notice = La version { $number } est publiée à l’adresse { $url }. Elle ne changera plus, quoi qu’il arrive ensuite aux données.
reports-admin-marked-notice = « { $title } » est signalée comme bonne pratique, et le projet a été préparé à nouveau pour l’inclure.
reports-admin-unmarked-notice = Le signalement de bonne pratique a été retiré, et le projet a été préparé à nouveau.
reports-admin-which-action = le formulaire n’indiquait pas quelle action signaler
