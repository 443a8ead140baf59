# Revues par les pairs : la liste (/peer-reviews), le formulaire pour en enregistrer ou en
# modifier une, la fiche avec ses recommandations et les réponses de la ville hôte, la
# transformation d’une recommandation en action (/recommendations/{id}/action), et la vue des
# binômes du secrétariat (/network/pairing).

## Mots communs à plusieurs pages
peer-state-planned = Prévue
peer-state-visited = Visite faite
peer-state-reported = Rapport rédigé
peer-state-closed = Clôturée
peer-response-accepted = Acceptée
peer-response-partly = Acceptée en partie
peer-response-not-accepted = Non acceptée
peer-response-none = Pas encore de réponse
# Une visite de plusieurs jours.
peer-visit-range = du { $from } au { $to }
peer-visit-not-set = pas encore fixée
peer-host = Ville hôte
peer-framework = Cadre de référence
peer-commitments = Engagements examinés

## La liste
peer-list-title = Revues par les pairs
peer-list-heading = Revues par les pairs
peer-list-lead = Des villes examinent mutuellement leur travail sur les engagements de la Charte : les constats, les recommandations, et ce que la ville hôte a fait de chacune.
peer-list-record = Enregistrer une revue par les pairs
peer-list-caption = Revues par les pairs, la visite la plus récente en premier
peer-list-col-host = Ville hôte
peer-list-col-reviewers = Menée par
peer-list-col-commitments = Engagements
peer-list-col-visit = Visite
peer-list-col-state = État
peer-list-col-recommendations = Recommandations
peer-list-review-hidden = revue par les pairs { $id }
peer-list-recommendation-count = { $count } (dont { $responded } avec une réponse)
peer-list-none = Aucune revue par les pairs n’est encore enregistrée.
peer-list-none-secretariat = Aucune revue par les pairs n’est encore enregistrée. Enregistrez-en une, ou partez des suggestions de la vue des binômes.

## Une revue par les pairs
peer-record-title = Revue par les pairs de { $host }
peer-all = Toutes les revues par les pairs
peer-reviewed-by = Menée par
peer-visit = Visite
peer-report = Rapport
peer-report-not-yet = Pas encore rédigé
peer-team = Équipe de revue
peer-team-none = Personne n’est encore enregistré
peer-team-hidden = Visible par le secrétariat et les villes participantes
peer-change = Modifier la revue : dates, état, équipe, constats, synthèse
peer-summary-heading = Synthèse
peer-agreed-tag = Publication approuvée
peer-agreed-by = par { $by } le { $on }.
peer-summary-public = Tout le monde peut la lire à cette adresse.
peer-summary-public-later = Elle deviendra publique dès que { $host } aura une page publique.
peer-not-agreed-tag = Publication non approuvée
peer-not-agreed = Seul le réseau la voit tant que la ville hôte n’a pas donné son accord.
peer-withdraw = Retirer l’accord de publication
peer-agree = Approuver la publication de la synthèse
peer-no-summary = Pas encore de synthèse.
peer-findings = Constats
peer-findings-none = Aucun constat enregistré pour l’instant.
peer-recommendations = Recommandations
peer-recommendations-none = Aucune.
peer-rec-when-by = { $when } par { $by }
peer-rec-became = Devenue l’action
peer-rec-became-quoted = Devenue l’action « { $title } »
peer-response-legend = Réponse de { $host }
peer-response-note = Remarque sur la réponse (facultatif)
peer-response-change = Modifier la réponse
peer-response-record = Enregistrer la réponse
peer-response-hidden = à la recommandation { $id }
peer-to-action = En faire une action
peer-to-action-hidden = recommandation { $id }
peer-add-heading = Ajouter une recommandation
peer-add-commitment = Engagement
peer-choose-commitment = Choisissez un engagement
peer-add-text = Recommandation
peer-add-button = Ajouter la recommandation
peer-field-commitment = Engagement
peer-field-recommendation = Recommandation
peer-recommendation-added-notice = La recommandation sur { $commitment } est ajoutée.
peer-agreed-notice = L’accord de la ville hôte pour publier la synthèse est enregistré.
peer-withdrawn-notice = L’accord pour publier la synthèse est retiré.
peer-response-notice = La réponse à la recommandation sur { $commitment } est enregistrée : { $response }.

## Enregistrer ou modifier une revue par les pairs
peer-form-record-title = Enregistrer une revue par les pairs
peer-form-change-title = Modifier la revue par les pairs de { $host }
peer-form-choose-host = Choisissez la ville hôte
peer-form-reviewers = Villes examinatrices
peer-form-reviewers-hint = Une ou plusieurs villes autres que la ville hôte.
peer-form-commitments-hint = Les engagements du cadre de référence de la revue qu’elle examine.
peer-form-state = État
peer-form-state-hint = Une revue ne fait qu’avancer : « visite faite » demande le premier jour de la visite, « rapport rédigé » la date du rapport, « clôturée » une réponse de la ville hôte à chaque recommandation.
peer-form-visit-from = Premier jour de la visite (facultatif tant qu’elle est prévue)
peer-form-visit-to = Dernier jour de la visite (facultatif)
peer-form-report-date = Date du rapport de la revue (facultatif avant sa rédaction)
peer-form-date-example = Par exemple { $example } (année-mois-jour)
peer-form-people = Équipe de revue (facultatif)
peer-form-people-hint = Une personne par ligne : nom ; organisation ; rôle. Seuls le secrétariat et les villes concernées voient ces noms.
peer-form-findings = Constats sur { $commitment } : { $text }
peer-form-summary = Synthèse à publier (facultatif)
peer-form-summary-hint = Publique une fois que la ville hôte a donné son accord et qu’elle a une page publique. La modifier retire un accord déjà donné.
peer-form-save = Enregistrer la revue par les pairs
peer-form-record = Enregistrer la revue par les pairs
peer-form-cancel = Annuler
peer-form-unknown-cities = Le lien nommait des villes que l’outil ne connaît pas ({ $cities }) ; elles sont laissées de côté.
peer-form-unknown-commitments = Le lien nommait des engagements qui ne sont pas des engagements en vigueur de { $framework } ({ $commitments }) ; ils sont laissés de côté.
peer-form-unknown-commitments-any = Le lien nommait des engagements qui ne sont en vigueur dans aucun cadre de référence ({ $commitments }) ; ils sont laissés de côté.
# Les noms des champs tels que le formulaire les montre, pour les messages d’erreur.
peer-field-host = Ville hôte
peer-field-framework = Cadre de référence
peer-field-reviewers = Villes examinatrices
peer-field-commitments = Engagements examinés
peer-field-state = État
peer-field-visit-from = Premier jour de la visite
peer-field-visit-to = Dernier jour de la visite
peer-field-report-date = Date du rapport de la revue
peer-field-people = Équipe de revue
peer-field-findings = Constats
peer-field-summary = Synthèse à publier
peer-recorded-notice = La revue par les pairs de { $host } est enregistrée.
peer-saved-notice = La revue par les pairs est enregistrée.

## Faire d’une recommandation une action
peer-action-heading = Faire de la recommandation une action
peer-action-back = Retour à la revue par les pairs de { $host }
peer-action-intro = L’action entre dans le plan de { $host } pour { $framework }, sous l’engagement { $commitment }, et elle est suivie dans les points d’étape comme toute autre. La recommandation affichera son statut et son avancement.
peer-action-title = Titre de l’action
peer-action-description = Description
peer-action-due = Échéance (facultatif)
peer-action-button = Ajouter l’action au plan
peer-field-plan = Plan
peer-field-action-title = Titre de l’action
peer-field-description = Description
peer-field-due-date = Échéance
peer-host-only = seuls les rédacteur·rice·s de la ville hôte ou le secrétariat du réseau peuvent faire cela
peer-action-notice = La recommandation est désormais l’action « { $title } » du plan.

## Former des binômes de villes pour les revues par les pairs
peer-pairing-title = Binômes pour les revues par les pairs
peer-pairing-back = Retour au réseau
peer-pairing-heading = Binômes pour les revues par les pairs
peer-pairing-lead = Des paires de villes dont chacune est forte sur des engagements où l’autre est faible, les plus complémentaires en premier. Chaque ville figure au plus dans une paire.
peer-pairing-strong = Forte :
peer-pairing-strong-meaning = une ville est forte sur un engagement si elle a une action achevée, une action en cours avancée au moins à moitié, ou une évaluation vérifiée substantielle ou complète.
peer-pairing-weak = Faible :
peer-pairing-weak-meaning = une ville est faible sur un engagement qu’aucune action ne couvre, ou dont l’évaluation vérifiée est « pas commencé » ou « limité ».
peer-pairing-caption = Paires proposées, avec les engagements sur lesquels chaque ville pourrait aider l’autre
peer-pairing-col-cities = Villes
peer-pairing-col-a-helps-b = La première aide la seconde sur
peer-pairing-col-b-helps-a = La seconde aide la première sur
peer-pairing-col-start = Lancer une revue par les pairs
peer-pairing-pair = { $a } ({ $a_country }) et { $b } ({ $b_country })
peer-pairing-similar = Contexte comparable
peer-pairing-review-of-by = Revue de { $host } par { $reviewer }
peer-pairing-none = Aucune paire de villes n’est encore complémentaire : des paires apparaissent dès que des villes ont des actions achevées ou avancées sur des engagements que d’autres n’ont pas couverts.
