# L’examen des points d’étape par le secrétariat du réseau : la file d’attente (/reviews) et
# l’examen d’un point d’étape (/check-ins/{id}/review).

## La file d’attente
review-queue-title = Points d’étape à examiner
review-queue-heading = Points d’étape à examiner
review-queue-lead = Chaque point d’étape envoyé par une ville attend ici que vous l’acceptiez ou demandiez des modifications. Celui qui attend depuis le plus longtemps apparaît en premier.
review-queue-region = Points d’étape en attente d’examen
review-queue-caption = { $count } en attente d’examen
review-queue-col-city = Ville
review-queue-col-round = Campagne
review-queue-col-state = État
review-queue-col-since = En attente depuis le
review-queue-col-review = Examiner
# Depuis combien de jours entiers un point d’étape attend.
review-queue-days = { $days ->
    [0] aujourd’hui
    [one] 1 jour
   *[other] { $days } jours
}
review-queue-review = Examiner
review-queue-review-hidden = le point d’étape de { $city } pour { $round }
review-queue-none = Rien n’est en attente : chaque point d’étape envoyé a été examiné.

## L’examen d’un point d’étape
review-title = Examen : { $city }, { $round }
review-heading = Examen : { $city }, { $round }
review-state = État
review-submitted = Envoyé
review-when-by = { $when } par { $by }
review-events-heading = Ce qui s’est passé jusqu’ici
review-event-submitted = Envoyé
review-event-changes-requested = Modifications demandées
review-event-resubmitted = Envoyé à nouveau
review-event-accepted = Accepté
review-event-when-by = { $when }, par { $by }
review-reported-heading = Ce que la ville a déclaré
review-no-actions = Le point d’étape ne porte sur aucune action.
review-action-status = Statut
review-action-not-reported = Aucune information
review-action-narrative = Ce qui s’est passé
review-action-evidence = Justificatifs
review-action-comment = Commentaire sur « { $title } » (facultatif)
review-assessments-heading = L’avis de la ville sur ses engagements
review-decision-heading = Votre décision
review-decision-legend = Que décidez-vous ?
review-decision-accept = L’accepter
review-decision-accept-hint = Il entre tel quel dans le rapport de résultats.
review-decision-changes = Demander des modifications à la ville
review-decision-changes-hint = Les contacts de la ville reçoivent vos commentaires par e-mail, avec un lien vers leur formulaire, qui reste alors utilisable même après la clôture de la campagne.
review-comment = Commentaire sur l’ensemble du point d’étape
review-comment-hint = Obligatoire si vous demandez des modifications, sauf si vous avez commenté une action ci-dessus. Les contacts de la ville le reçoivent par e-mail, avec un lien vers leur formulaire.
review-send = Envoyer la décision
review-cancel = Annuler
# Les noms des champs tels que le formulaire les montre, pour les messages d’erreur.
review-field-action-comment = Commentaire sur « { $title } »
review-field-decision = Décision
review-field-comment = Commentaire sur l’ensemble du point d’étape
review-accepted-notice = Le point d’étape de { $city } pour { $round } est accepté.
review-changes-notice = Des modifications ont été demandées à { $city } ; ses contacts ont reçu vos commentaires par e-mail.
