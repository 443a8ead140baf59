# A city's page, its list of check-ins and its calendar address (src/pages/city.rs,
# check_ins.rs, calendar.rs).

## The city's page
city-title-full = { $city } : plan d’action
city-title-public = { $city } : page publique
city-public-page-hidden = page publique
city-lead-full = Plan d’action et progrès au titre de la Charte des villes pour l’intégration.
city-lead-public = Comment { $city } met en œuvre ses engagements de ville signataire.
city-country = Pays
city-signed = Signature
city-signed-on = { $framework }, le { $date }
city-no-signature = Aucune signature enregistrée
city-public-page = Page publique
city-public-yes = Oui : tout le monde peut voir le plan et ses progrès
city-public-no = Non : seul le réseau peut voir cette page
city-check-in-heading = Point d’étape
city-check-in-due = Le point d’étape pour { $round } est à remettre au plus tard le { $date }.
city-check-in-fill = Remplir le point d’étape
city-check-in-fill-hidden = pour { $round }
city-no-check-in-open = Aucun point d’étape n’est ouvert actuellement.
city-last-round = Dernière campagne, { $round } :
city-next-round = La prochaine campagne s’ouvre le { $date }.
city-link-check-ins = Tous les points d’étape de { $city }
city-link-contacts = Contacts qui reçoivent les rappels
city-link-calendar = Calendrier des échéances
city-link-verification = Auto-évaluation et vérification
city-link-learn = Se comparer à des villes similaires et apprendre de ses pairs
city-overdue-heading = Actions en retard
city-overdue-intro = Ces actions ont dépassé leur échéance et ne sont pas terminées.
city-due = échéance le { $date }
city-tag-overdue = En retard
city-verification-heading = Auto-évaluation et vérification
city-verification-caption = La dernière appréciation de la ville sur ses engagements, à côté de ce que le secrétariat a vérifié
city-verification-commitment = Engagement
city-verification-city-view = Appréciation de la ville
city-verification-verified = Vérifié
city-not-assessed = Non évalué
city-differs = Diffère
city-not-verified = Non vérifié
city-verification-link = Tous les engagements, avec notes et justificatifs
city-stale-heading = Actions que personne n’a mises à jour depuis un moment
city-stale-intro = { $days ->
    [one] Ces actions sont toujours ouvertes et n’ont pas été mises à jour depuis au moins 1 jour. Mettez à jour leur statut et leur avancement, ou indiquez qu’elles sont terminées ou annulées.
   *[other] Ces actions sont toujours ouvertes et n’ont pas été mises à jour depuis au moins { $days } jours. Mettez à jour leur statut et leur avancement, ou indiquez qu’elles sont terminées ou annulées.
}
city-last-updated = dernière mise à jour le { $date }
city-tag-not-updated = Pas mise à jour
city-plan-adopted = Adopté le { $date }
city-plan-draft = Projet
city-plan-period = du { $start } au { $end }
city-plan-document = Le document du plan
city-plan-coverage = { $covered } sur { $total }
city-plan-coverage-after = { $total ->
    [one] engagement a au moins une action
   *[other] engagements ont au moins une action
} ({ $actions ->
    [one] 1 action au total
   *[other] { $actions } actions au total
}).
city-add-action = Ajouter une action
city-add-action-hidden = à { $plan }
city-change-plan = Modifier les informations du plan
city-change-plan-hidden = { " " }: { $plan }
city-import-actions = Importer des actions depuis un fichier
city-import-actions-hidden = dans { $plan }
city-uncovered = Engagements sans action pour l’instant ({ $count })
city-role-table = { $plan } : engagements en tant que { $role } et leurs actions
city-commitment-column = Engagement
city-actions-column = Actions
city-retired = Retiré
city-not-updated-since = Pas mise à jour depuis le { $date }
city-no-action-yet = Aucune action pour l’instant.
city-add-one = En ajouter une
city-add-one-hidden = sous { $code }
city-no-plan-heading = Plan d’action
city-no-plan = { $city } n’a pas encore de plan d’action.
city-start-plan = Commencer un nouveau plan d’action
city-peer-reviews-heading = Revues par les pairs et recommandations
city-peer-reviews-intro = D’autres villes ont examiné le travail de { $city } sur certains engagements. Ce qu’il est advenu de chaque recommandation :
city-peer-review-by = Revue par les pairs de { $reviewers }
city-peer-review-visit = Visite : { $visit }. Engagements : { $commitments }.
city-recommendation-became = Devenue
city-no-recommendation = Aucune recommandation enregistrée pour l’instant.

## A city's check-ins
city-check-ins-title = { $city } : points d’étape
city-check-ins-back = Retour au plan de { $city }
city-check-ins-heading = { $city } : points d’étape
city-check-ins-intro = À chaque campagne, le réseau demande à chaque ville ayant un plan adopté où en sont ses actions. Les rappels s’arrêtent dès que le point d’étape est remis.
city-check-ins-caption = Points d’étape de { $city }, du plus récent au plus ancien
city-check-ins-round = Campagne
city-check-ins-due = À remettre le
city-check-ins-state = État
city-check-ins-submitted = Remis
city-check-ins-fill-hidden = { " " }: remplir le point d’étape
city-check-ins-extended = (prolongé : { $reason })
city-check-ins-by = , par { $name }
city-check-ins-none = Aucun point d’étape n’a encore été demandé à { $city }. Le premier viendra avec la campagne qui suit l’adoption de son plan.

## The calendar address
city-calendar-title = Calendrier de { $city }
city-calendar-lead = Suivez les échéances des points d’étape de { $city } (avec toute prolongation) et les échéances de ses actions ouvertes dans le calendrier de votre bureau (Outlook, Google Agenda, Calendrier Apple, Thunderbird).
city-calendar-new-heading = Votre nouvelle adresse de calendrier
city-calendar-new-intro = Copiez cette adresse maintenant : elle n’est affichée qu’une seule fois. Dans votre application de calendrier, choisissez « s’abonner à un calendrier sur internet » (ou « ajouter un calendrier à partir d’une URL ») et collez-la.
city-calendar-address = Adresse du calendrier
city-calendar-anyone = Toute personne disposant de cette adresse peut lire ces dates sans se connecter. Ne la partagez qu’avec les personnes qui en ont besoin.
city-calendar-in-use = L’adresse en service
city-calendar-made = Créée le { $date } à { $time } par { $by }. Elle fonctionne jusqu’à ce que vous en créiez une nouvelle ou que vous la révoquiez.
city-calendar-remake = Créer une nouvelle adresse
city-calendar-remake-hidden = (l’ancienne cesse de fonctionner)
city-calendar-revoke = Révoquer l’adresse
city-calendar-replaces = Une nouvelle adresse remplace l’ancienne : les calendriers abonnés à l’ancienne ne sont plus mis à jour.
city-calendar-none = { $city } n’a pas d’adresse de calendrier.
city-calendar-none-yet = { $city } n’a pas encore d’adresse de calendrier.
city-calendar-make = Créer une adresse de calendrier
city-calendar-back = Retour à { $city }
city-calendar-revoked = L’adresse du calendrier est révoquée : les calendriers qui y sont abonnés ne sont plus mis à jour.

city-charter-unofficial = Les rôles et engagements de la Charte sont présentés dans une traduction non officielle ; la Charte a été adoptée en anglais.
