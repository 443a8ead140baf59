# The outbox (templates/pages/outbox.hbs, outbox_email.hbs; src/pages/outbox.rs).

outbox-title = Boîte d’envoi
outbox-lead = Tous les courriels mis en file d’attente par l’outil : invitations et rappels des points d’étape, synthèses pour le secrétariat et liens de mot de passe. Les courriels en échec peuvent être renvoyés.
outbox-filter-label = Courriels par état
outbox-filter-all = Tous
outbox-caption-all = Tous les courriels
outbox-caption-queued = Courriels en attente
outbox-caption-sending = Courriels en cours d’envoi
outbox-caption-sent = Courriels envoyés
outbox-caption-failed = Courriels en échec
outbox-caption-cancelled = Courriels annulés
outbox-caption = { $heading } ({ $total }, les plus récents d’abord ; heures de { $zone })
outbox-col-email = Courriel
outbox-col-state = État
outbox-col-when = Date
outbox-to = À
outbox-attempts = { $count ->
    [one] { $count } tentative
   *[other] { $count } tentatives
}
outbox-last-error = Dernière erreur
outbox-last-error-text = Dernière erreur : { $error }
outbox-none = Aucun courriel à afficher ici.

## States and kinds
outbox-state-queued = En attente
outbox-state-sending = En cours d’envoi
outbox-state-sent = Envoyé
outbox-state-failed = En échec
outbox-state-cancelled = Annulé
outbox-kind-round-opened = Ouverture d’une campagne de points d’étape
outbox-kind-due-soon = Point d’étape bientôt dû
outbox-kind-overdue = Point d’étape en retard
outbox-kind-escalation-digest = Synthèse des villes en retard
outbox-kind-round-closed = Bilan de clôture de campagne
outbox-kind-password-reset = Réinitialisation du mot de passe
outbox-kind-invitation = Invitation
outbox-when-sent = Envoyé le { $when }
outbox-when-due = Prévu le { $when }
outbox-when-changed = Dernière modification le { $when }

## One email
outbox-email-title = Courriel { $id } : { $subject }
outbox-kind = Type
outbox-language = Langue
outbox-attempts-label = Tentatives
outbox-none-value = Aucune
outbox-queued = Mis en attente
outbox-not-before = Pas envoyé avant
outbox-sent = Envoyé
outbox-not-sent = Non envoyé
outbox-retry-detail = Le renvoyer le remet en file d’attente maintenant, avec un compteur de tentatives remis à zéro.
outbox-retry = Réessayer d’envoyer le courriel
outbox-text-heading = Le texte du courriel
outbox-back = Retour à la boîte d’envoi
outbox-requeued = Le courriel à { $address } a été remis en file d’attente et sera envoyé d’ici quelques minutes.
