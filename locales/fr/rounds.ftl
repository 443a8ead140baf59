# Check-in rounds, one round, opening a round now, the schedule
# (templates/pages/rounds.hbs, round.hbs, round_new.hbs, schedule.hbs; src/pages/rounds.rs).

## The rounds
rounds-title = Campagnes de points d’étape
rounds-lead = Chaque campagne demande à chaque ville dotée d’un plan adopté où en sont ses actions. Les plus récentes d’abord.
rounds-schedule-link = Le calendrier des points d’étape
rounds-schedule-decides = détermine quand les campagnes s’ouvrent.
rounds-open-now-before = Tant qu’aucune campagne n’est ouverte, le secrétariat peut
rounds-open-now-link = en ouvrir une maintenant
rounds-caption = Campagnes de points d’étape ({ $total })
rounds-col-round = Campagne
rounds-col-period = Période
rounds-col-due = Échéance
rounds-col-state = État
rounds-col-on-time = À temps
rounds-col-late = En retard
rounds-col-missed = Manqués
rounds-col-not-started = Non commencés
rounds-col-draft = Brouillon enregistré
rounds-col-to-review = À examiner
rounds-closed = Clôturée
rounds-open = Ouverte
rounds-none = Aucune campagne n’a encore été ouverte. La première s’ouvrira à la prochaine échéance du calendrier.
rounds-open-one-now = En ouvrir une maintenant
rounds-period-dates = du { $start } au { $end }

## One round
rounds-round-title = Points d’étape de la campagne { $round }
rounds-period = Période
rounds-opened = Ouverture
rounds-due = Échéance
rounds-due-end-of-day = { $date } (fin de journée)
rounds-closes = Clôture
rounds-closes-when = { $date }, à l’ouverture de la campagne suivante
rounds-so-far = Bilan provisoire
rounds-so-far-counts = à temps : { $on_time } ; en retard : { $late } ; manqués : { $missed } ; non commencés : { $open } ; avec un brouillon enregistré : { $draft } ; acceptés : { $accepted }
rounds-to-review = à examiner : { $count }
rounds-caption-check-ins = Le point d’étape de chaque ville (heures de { $zone })
rounds-col-city = Ville
rounds-col-submitted = Envoyé
rounds-col-actions = Actions
rounds-extended-reason = Prolongé : { $reason }
rounds-submitted-by = par { $name }
rounds-not-yet = Pas encore
rounds-extend = Prolonger l’échéance
rounds-for-city = pour { $city }
rounds-contacts = Contacts
rounds-contacts-in = à { $city }
rounds-no-check-ins = Aucune ville n’avait de plan adopté à l’ouverture de cette campagne : elle ne comporte donc aucun point d’étape.
rounds-extend-heading = Prolonger une échéance
rounds-extend-lead = Accordez plus de temps à une ville, en indiquant la raison. La nouvelle date doit être postérieure à l’actuelle et antérieure à la clôture de la campagne ; les rappels de la ville suivent la nouvelle date.
rounds-extend-legend = { $city }, échéance le { $due }
rounds-new-due = Nouvelle échéance
rounds-new-due-hint = Au format AAAA-MM-JJ, par exemple 2026-07-15. La ville peut envoyer son point d’étape jusqu’à la fin de cette journée.
rounds-reason = Raison
rounds-reason-hint = Pour mémoire, par exemple « Élections municipales en mai ».
rounds-new-due-for = Nouvelle échéance pour { $city }
rounds-reason-for = Raison de la prolongation pour { $city }
rounds-back = Retour aux campagnes
rounds-extended = { $city } a désormais jusqu’au { $date } pour envoyer son point d’étape. Ses rappels suivent la nouvelle date.
rounds-conflict = quelqu’un d’autre a enregistré une modification de ce point d’étape après l’ouverture de cette page, vos modifications n’ont donc pas été enregistrées. Elles sont toujours dans le formulaire : comparez-les aux informations enregistrées (rouvrez la page pour les voir) et enregistrez de nouveau
rounds-no-round = aucune campagne de points d’étape n’a l’identifiant { $id }
rounds-no-check-in = la campagne { $round } n’a aucun point d’étape ayant l’identifiant { $id }

## A check-in's state in a round
rounds-state-submitted-late = Envoyé en retard
rounds-state-submitted = Envoyé à temps
rounds-state-resubmitted = Renvoyé, à examiner
rounds-state-changes-requested = Modifications demandées
rounds-state-accepted-late = Accepté, envoyé en retard
rounds-state-accepted = Accepté
rounds-state-missed = Manqué
rounds-state-draft-overdue = Brouillon enregistré, en retard
rounds-state-draft = Brouillon enregistré
rounds-state-extended-overdue = Prolongé, en retard
rounds-state-extended = Prolongé
rounds-state-overdue = En retard
rounds-state-not-started = Non commencé

## Opening a round now
rounds-new-title = Ouvrir une campagne de points d’étape maintenant
rounds-new-lead = Une campagne demande à chaque ville dotée d’un plan d’action adopté où en sont ses actions. Celle-ci s’ouvre maintenant au lieu d’attendre le calendrier.
rounds-new-round = Campagne
rounds-new-period = Période couverte
rounds-new-last-day = Dernier jour pour répondre
rounds-new-closes = Clôture
rounds-new-closes-when = { $date }, quand le calendrier ouvrira la campagne suivante
rounds-new-emails = Courriels
rounds-new-emails-detail = { $count ->
    [one] 1 maintenant, au contact ci-dessous, avec un lien vers le formulaire de sa ville
   *[other] { $count } maintenant, aux contacts ci-dessous, chacun avec un lien vers le formulaire de sa ville
}
rounds-new-cities-label = Villes sollicitées par cette campagne
rounds-new-cities-caption = { $count ->
    [one] La ville sollicitée par cette campagne
   *[other] Les { $count } villes sollicitées par cette campagne
}
rounds-new-col-contacts = Contacts destinataires
rounds-new-nobody = Personne
rounds-new-nobody-detail = aucun contact ne reçoit les rappels ; la ville peut répondre une fois connectée
rounds-new-submit = { $count ->
    [one] Ouvrir la campagne et envoyer 1 courriel
   *[other] Ouvrir la campagne et envoyer { $count } courriels
}
rounds-cancel = Annuler
rounds-new-back = Retour aux campagnes de points d’étape
rounds-opened-notice = La campagne { $round } est ouverte et ses courriels partent vers les contacts des villes.
rounds-not-now-open = La campagne { $round } reste ouverte jusqu’au { $date } ; la suivante s’ouvrira selon le calendrier après sa clôture.
rounds-not-now-no-cities = Aucune ville n’a encore de plan d’action adopté : une campagne ne solliciterait personne. Une campagne s’adresse aux villes dotées d’un plan adopté.
rounds-not-now-empty = Une campagne couvre déjà les jours jusqu’à hier (une nouvelle couvrirait du { $date } à hier, soit aucun jour) ; la prochaine s’ouvrira selon le calendrier.

## The schedule
rounds-schedule-title = Calendrier des points d’étape
rounds-schedule-lead = À chaque échéance du calendrier, une campagne de points d’étape s’ouvre pour chaque ville dotée d’un plan adopté. Chaque campagne arrive à échéance { $days } jours après son ouverture et se clôt à l’ouverture de la suivante.
rounds-schedule = Calendrier
rounds-time-zone = Fuseau horaire
rounds-set-by = Défini par
rounds-set-by-secretariat = Le secrétariat du réseau, sur cette page
rounds-set-by-file = Le fichier de configuration
rounds-next-heading = Les prochaines campagnes s’ouvrent le
rounds-next-none = Le calendrier ne prévoit plus d’échéance.
rounds-change-heading = Modifier le calendrier
rounds-expression-hint = Une expression cron de 5 champs : minute, heure, jour du mois, mois, jour de la semaine. Par exemple « 0 0 1 1,4,7,10 * » correspond à minuit le 1er janvier, avril, juillet et octobre ; « 0 9 1 * * » à 9:00 le premier de chaque mois.
rounds-time-zone-hint = Le lieu dont l’horloge règle le calendrier, sous forme de nom IANA, par exemple Europe/Brussels, Europe/Warsaw, UTC.
rounds-change-submit = Modifier le calendrier
rounds-schedule-error-label = Le calendrier
rounds-time-zone-error-label = Le fuseau horaire
rounds-schedule-changed = Le calendrier des points d’étape a été modifié.
rounds-schedule-changed-next = Le calendrier des points d’étape a été modifié. La prochaine campagne s’ouvre le { $when } ({ $zone }).
rounds-schedule-conflict = quelqu’un d’autre a enregistré une modification du calendrier après l’ouverture de cette page, vos modifications n’ont donc pas été enregistrées. Elles sont toujours dans le formulaire : comparez-les aux informations enregistrées (rouvrez la page pour les voir) et enregistrez de nouveau
