# An action: its page, the form to add or change it, and removing it (src/pages/actions.rs).

## Form labels (also used to name fields in error messages and the history)
action-commitment = Engagement
action-commitment-hint = L’engagement de la Charte que cette action met en œuvre.
action-title-label = Titre
action-title-hint = Un nom court que chacun reconnaîtra, par exemple « Cafés linguistiques dans les bibliothèques publiques ».
action-description = Description
action-description-optional = Description (facultatif)
action-department = Service responsable
action-department-optional = Service responsable (facultatif)
action-partners-field = Un partenaire
action-partners-optional = Partenaires (facultatif)
action-partners-hint = Un par ligne : ONG, associations de personnes migrantes, autres organismes publics.
action-delivery-field = La façon dont la ville la met en œuvre
action-delivery-legend = Comment la ville la met-elle en œuvre ?
action-delivery-direct = La ville la fournit directement
action-delivery-advocacy = La ville la promeut auprès de ceux qui la fournissent
action-delivery-advocacy-hint = Lorsque la ville n’est pas le prestataire direct du service, la Charte lui demande d’en promouvoir les dispositions auprès des prestataires.
action-areas-field = Un domaine d’action publique
action-areas-optional = Domaines d’action publique (facultatif)
action-areas-hint = Cochez tous ceux qui s’appliquent.
action-start-date = Date de début
action-start-date-optional = Date de début (facultatif)
action-due-date = Échéance
action-due-date-optional = Échéance (facultatif)
action-due-date-hint = Le même jour que la date de début ou après.
action-status = Statut
action-progress = Avancement
action-progress-label = Avancement, en pourcentage
action-progress-hint = Un nombre entier de 0 à 100.
action-evidence-field = Un lien vers un justificatif
action-evidence-optional = Liens vers des justificatifs (facultatif)
action-evidence-hint = Un par ligne : l’adresse web (http:// ou https://), puis, si vous le souhaitez, une espace et un titre, par exemple https://ville.example/deliberation.pdf Délibération du conseil

## The form
action-back = Retour
action-new-title = Ajouter une action
action-new-title-plan = Ajouter une action à { $plan }
action-edit-title = Modifier une action
action-add-button = Ajouter l’action
action-save-button = Enregistrer les modifications
action-cancel = Annuler
action-progress-empty = : champ vide
action-progress-accepted = un nombre entier de 0 à 100
action-progress-not-number = : « { $typed } » n’est pas un nombre entier
action-not-chosen = : aucun choix
action-delivery-accepted = directement, ou en la promouvant auprès des prestataires
action-status-accepted = l’un des statuts proposés
action-commitment-accepted = l’un des engagements du plan
action-conflict = { $who } a modifié cette action pendant que vous la modifiiez. Vos modifications sont affichées ci-dessous et ne sont pas encore enregistrées ; comparez-les à l’action actuelle (ouvrez-la dans un autre onglet) et enregistrez à nouveau
action-added = Action « { $title } » ajoutée sous { $commitment }.
action-saved = Vos modifications ont été enregistrées.

## Removing
action-delete-title = Supprimer une action
action-delete-heading = Supprimer « { $title } » ?
action-delete-text = L’action ne fera plus partie du plan de { $city } et ne comptera plus pour ses engagements. Son historique est conservé, et la suppression est enregistrée avec votre nom.
action-delete-yes = Oui, supprimer l’action
action-delete-no = Non, la garder
action-delete-conflict = l’action a été modifiée après que vous avez ouvert la confirmation, elle n’a donc pas été supprimée ; ouvrez-la à nouveau pour voir les modifications
action-removed = Action « { $title } » supprimée. Son historique est conservé.

## The action's page
action-back-to-plan = Retour au plan de { $city }
action-done = { $progress } % réalisé
action-overdue = En retard
action-not-updated-since = Pas mise à jour depuis le { $date }
action-from-recommendation = Issue de la recommandation de revue par les pairs
action-plan = Plan
action-partners = Partenaires
action-evidence = Justificatifs
action-delivery = Mise en œuvre
action-areas = Domaines d’action publique
action-none-given = Non renseigné
action-not-set = Non fixée
action-change = Modifier l’action
action-remove = La supprimer
action-reports-heading = Signalée dans les points d’étape
action-sent = Envoyé le { $when } :
action-when = { $date } à { $time }
action-no-reports = Aucun point d’étape n’a encore rendu compte de cette action.
action-history-heading = Historique des modifications
action-history-created = A ajouté l’action
action-history-deleted = A supprimé l’action
action-history-changed = A modifié
action-history-change = { $field } : de « { $from } » à « { $to } »
action-history-none = aucun
action-history-empty = vide
action-public-view = Ceci est la vue publique de l’action.
action-other-cities = Actions des autres villes sur { $commitment }
