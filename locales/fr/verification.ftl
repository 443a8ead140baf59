# Les auto-évaluations d’une ville à côté des évaluations vérifiées, et le formulaire du
# secrétariat pour enregistrer une vérification (/cities/{id}/verification).

verify-title = Auto-évaluation et vérification : { $city }
verify-heading = Auto-évaluation et vérification : { $city }
verify-lead = Pour chaque engagement, l’avis de la ville dans son dernier point d’étape, à côté de ce que le secrétariat a vérifié, sur la même échelle (celle du Partenariat pour un gouvernement ouvert : pas commencé, limité, substantiel, complet).
verify-caption = L’avis de la ville et l’évaluation vérifiée, par engagement
verify-col-commitment = Engagement
verify-col-self = L’avis de la ville
verify-col-verified = Vérifié
verify-col-note = Remarque et justificatifs
verify-not-assessed = Pas évalué
verify-not-verified = Pas vérifié
verify-differs = Différent
verify-record-heading = Enregistrer une vérification
verify-commitment = Engagement
verify-choose-commitment = Choisissez un engagement
verify-level = Évaluation vérifiée
verify-date = Date de la vérification
verify-date-hint = Par exemple 2026-11-30 (année-mois-jour)
verify-note = Remarque (facultatif)
verify-note-hint = Ce qui a été vérifié, et comment : une visite, des documents, des entretiens.
verify-evidence = Liens vers les justificatifs (facultatif)
verify-evidence-hint = Un par ligne : l’adresse web (http:// ou https://), puis, si vous le souhaitez, une espace et un titre.
verify-button = Enregistrer la vérification
verify-cancel = Annuler
verify-back = Retour à { $city }
# Les noms des champs tels que le formulaire les montre, pour les messages d’erreur.
verify-field-commitment = Engagement
verify-field-level = Évaluation vérifiée
verify-field-date = Date de la vérification
verify-field-note = Remarque
verify-field-evidence = Liens vers les justificatifs
verify-recorded-notice = L’évaluation vérifiée de { $commitment } est enregistrée : { $level }.
