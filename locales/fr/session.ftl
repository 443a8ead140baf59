# Signing in and out, password links and the account page (src/pages/session.rs).

## Sign in
session-sign-in-title = Se connecter
session-sign-in-intro = Connectez-vous pour tenir à jour le plan d’action de votre ville et rendre compte de ses progrès, ou pour suivre les villes du réseau.
session-email-label = Adresse e-mail
session-password-label = Mot de passe
session-sign-in-button = Se connecter
session-forgot-link = Mot de passe oublié ?
session-no-account = Pas encore de compte ? Le secrétariat du réseau crée les comptes des personnes qui travaillent dans les services de chaque ville signataire.
session-email-empty = : champ vide
session-email-empty-accepted = l’adresse e-mail avec laquelle votre compte a été créé
session-password-empty = : champ vide
session-wrong = : l’adresse e-mail ou le mot de passe n’est pas correct ; vérifiez les deux, ou réinitialisez votre mot de passe si vous l’avez oublié
session-locked = : trop de tentatives de connexion ont échoué, la connexion est donc suspendue jusqu’à { $time } le { $date } ({ $zone }). Vous pouvez réinitialiser votre mot de passe en attendant

## Sign out
session-sign-out-title = Se déconnecter
session-sign-out-question = Voulez-vous vous déconnecter du suivi de la Charte sur cet appareil ?
session-sign-out-button = Se déconnecter
session-already-signed-out = Vous êtes déconnecté·e.
session-signed-out = Vous vous êtes déconnecté·e.

## Forgotten password
session-forgot-title = Réinitialiser votre mot de passe
session-forgot-intro = Saisissez l’adresse e-mail avec laquelle vous vous connectez. Si elle correspond à un compte, nous lui enverrons un lien pour choisir un nouveau mot de passe.
session-forgot-button = Envoyer le lien
session-back-to-sign-in = Retour à la connexion
session-check-email-title = Consultez vos e-mails
session-check-email-sent = Si { $email } correspond à un compte, nous lui avons envoyé un lien pour choisir un nouveau mot de passe. { $minutes ->
    [one] Le lien fonctionne pendant 1 minute.
   *[other] Le lien fonctionne pendant { $minutes } minutes.
}
session-check-email-nothing = Si rien n’arrive d’ici quelques minutes, vérifiez vos courriers indésirables ou contactez le secrétariat du réseau.

## Password links
session-link-unknown-title = Ce lien ne fonctionne pas
session-link-unknown-text = Vérifiez que vous avez copié l’adresse complète depuis l’e-mail. Les liens des anciens e-mails cessent de fonctionner lorsqu’un nouveau est envoyé.
session-link-expired-title = Ce lien a expiré
session-link-expired-text = Pour votre sécurité, les liens de mot de passe ne fonctionnent que pendant une durée limitée. Demandez-en un nouveau ci-dessous.
session-link-used-title = Ce lien a déjà été utilisé
session-link-used-text = Chaque lien ne peut servir qu’une fois. Si vous devez à nouveau changer votre mot de passe, demandez un nouveau lien.
session-link-ask-new = Demander un nouveau lien
session-choose-new-password = Choisir un nouveau mot de passe
session-choose-your-password = Choisir votre mot de passe
session-set-for-account = Pour le compte
session-set-intro = Choisissez un mot de passe d’au moins 10 caractères ; quelques mots sans rapport entre eux en font un bon.
session-new-password-label = Nouveau mot de passe
session-new-password-hint = Au moins 10 caractères.
session-confirm-label = Saisissez à nouveau le nouveau mot de passe
session-confirm-field = Le mot de passe répété
session-current-password-label = Mot de passe actuel
session-set-button = Enregistrer le mot de passe et se connecter
session-password-saved = Votre mot de passe a été enregistré et vous êtes connecté·e.

## Account
session-account-title = Votre compte
session-name = Nom
session-access = Accès
session-access-for = pour
session-change-password-heading = Changer votre mot de passe
session-change-password-hint = Au moins 10 caractères. Le changer vous déconnecte de vos autres appareils.
session-change-password-button = Changer le mot de passe
session-password-changed = Votre mot de passe a été changé. Les autres appareils connectés à votre compte ont été déconnectés.
session-tokens-heading = Jetons d’API
session-tokens-intro-before = Les programmes qui utilisent l’API du suivi envoient un jeton au lieu de votre mot de passe. Un jeton peut faire tout ce que vous pouvez faire ; révoquez ceux que vous n’utilisez plus.
session-tokens-description-link = Lire la description de l’API
session-tokens-caption = Vos jetons d’API
session-token-label-column = Libellé
session-token-created-column = Créé le
session-token-state-column = État
session-token-action-column = Action
session-token-no-label = (sans libellé)
session-token-revoked = Révoqué le { $date }
session-token-active = Actif
session-token-revoke = Révoquer
session-token-revoke-hidden = le jeton { $label }
session-no-tokens = Vous n’avez aucun jeton d’API.
session-new-token-label = Libellé d’un nouveau jeton
session-new-token-hint = Pour le reconnaître plus tard, par exemple « tableur de suivi ».
session-new-token-field = Le libellé
session-create-token-button = Créer un jeton
session-revoke-expired = ce formulaire avait expiré, le jeton n’a donc pas été révoqué. Réessayez
session-token-revoked-notice = Le jeton a été révoqué : les programmes qui l’utilisent ne peuvent plus accéder à l’API.

## A new token
session-token-created-title = Votre nouveau jeton d’API
session-token-copy-now = Copiez-le maintenant et conservez-le en lieu sûr : il n’est affiché qu’une seule fois.
session-token-field = Jeton
session-token-field-named = Jeton « { $label } »
session-token-how = Envoyez-le avec chaque requête à l’API dans l’en-tête
session-back-to-account = Retour à votre compte
# The header itself: the same in every language.
session-token-header = Authorization: Bearer …
