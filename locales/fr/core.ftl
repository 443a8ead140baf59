core-actions-count = { $count ->
    [one] 1 action
   *[other] { $count } actions
}
core-language-switcher = Choisir la langue
core-language-current = { $language } (langue actuelle)
core-unofficial-translation = Traduction non officielle
core-skip-link = Aller au contenu principal

## La mise en page de chaque page
layout-title-error-prefix = Erreur :
layout-title-suffix = Suivi de la Charte – { $network }
layout-site-name = { $network } · Charte des villes pour l’intégration
layout-signed-in = Connecté·e en tant que
layout-sign-out = Se déconnecter
layout-sign-in = Se connecter
layout-nav-label = Principal
layout-demo-strong = Données de démonstration.
layout-demo-text = Les villes sont réelles, mais leurs plans, points d’étape et chiffres sont inventés pour montrer le fonctionnement de l’outil.
layout-footer-secretariat = Secrétariat de { $network } · Suivi de la Charte
layout-footer-accessibility = Accessibilité
layout-footer-privacy = Confidentialité

## La navigation principale
nav-explore-actions = Explorer les actions
nav-good-practices = Bonnes pratiques
nav-published-reports = Rapports publiés
nav-your-plan = Le plan de votre ville
nav-check-ins = Points d’étape
nav-learn = Apprendre des pairs
nav-reports = Rapports
nav-network = Réseau
nav-cities = Villes
nav-reviews = Relectures
nav-peer-reviews = Revues par les pairs
nav-outbox = Boîte d’envoi
nav-users = Utilisateurs
nav-personal-data = Données personnelles

## Rôles
role-secretariat = secrétariat du réseau
role-city-editor = rédacteur·rice de la ville
role-observer = observateur·rice

## Pages d’erreur
error-go-home = Aller à la page d’accueil
error-sign-in-heading = Veuillez vous connecter
error-sign-in-detail = Vous devez vous connecter pour voir cette page.
error-forbidden-heading = Vous ne pouvez ni voir ni modifier ceci
error-forbidden-detail = { $reason }. Si vous pensez que vous devriez pouvoir le faire, contactez le secrétariat du réseau.
error-not-found-heading = Page introuvable
error-not-found-detail = { $reason }. Si vous avez saisi l’adresse, vérifiez-la ; si vous avez suivi un lien, il est peut-être périmé.
error-gone-heading = Ceci n’est plus disponible
error-conflict-heading = Quelqu’un d’autre a modifié ceci
error-bad-request-heading = Quelque chose ne va pas dans cette demande
error-busy-heading = Le service est très sollicité
error-busy-detail = Trop de personnes se connectent ou changent leur mot de passe en ce moment. Rien n’a été modifié ; revenez en arrière et réessayez dans { $seconds } secondes.
error-unexpected-heading = Désolé, le service rencontre un problème
error-unexpected-detail = Rien n’a été modifié. Réessayez plus tard ; si le problème persiste, contactez le secrétariat du réseau.
error-cross-site-heading = Ce formulaire a été envoyé depuis un autre site
error-cross-site-detail = Pour votre sécurité, les formulaires ne peuvent être envoyés que depuis les pages de ce service. Rien n’a été modifié.

## Choisir une langue
language-not-offered = Ce service ne propose pas la langue « { $tag } »
language-form-expired = Ce formulaire avait expiré : votre langue n’a pas été modifiée. Réessayez.
language-saved = Votre langue a été enregistrée.
account-language-heading = Langue des pages
account-language-hint = Les pages et les e-mails qui vous sont destinés utilisent cette langue sur tous les appareils où vous vous connectez.
account-language-auto = Selon mon navigateur (ou le choix fait avec les liens en haut de page)
account-language-save = Enregistrer la langue

## Champs de formulaire
field-error-prefix = Erreur :
date-format-hint = Par exemple 27 3 2026 (jour, mois, année)
date-day = Jour
date-month = Mois
date-year = Année

## Nombres et périodes
core-quarter = T{ $quarter } { $year }
core-percent = { $value } %
