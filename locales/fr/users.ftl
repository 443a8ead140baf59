# User accounts (templates/pages/users.hbs, user.hbs, user_new.hbs; src/pages/users.rs).

users-title = Utilisateurs
users-lead = Toutes les personnes qui peuvent se connecter : le secrétariat du réseau, les rédacteur·rices de la ville dans le service de chaque ville, et les observateur·rices.
users-invite = Inviter un utilisateur
users-caption = Utilisateurs ({ $total })
users-name = Nom
users-email = Adresse électronique
users-role = Rôle
users-city = Ville
users-state = État
users-every-city = Toutes les villes
users-none = Il n’y a pas encore d’utilisateurs.
users-role-secretariat = Secrétariat du réseau
users-role-city-editor = Rédacteur·rice de la ville
users-role-observer = Observateur·rice
users-role-secretariat-hint = Gère tout : villes, utilisateurs, points d’étape, rapports.
users-role-city-editor-hint = Tient le plan d’action d’une ville et rend compte de ses progrès.
users-role-observer-hint = Voit toutes les villes et tous les rapports, ne modifie rien.
users-no-city = Aucune ville (pas rédacteur·rice de la ville)
users-city-hint = Pour un·e rédacteur·rice de la ville, la ville dont la personne tient le plan.
users-state-active = Actif
users-state-invited = Invité, sans mot de passe pour l’instant
users-state-disabled = Désactivé

## One account
users-created = Compte créé
users-change-heading = Modifier les informations
users-save = Enregistrer les modifications
users-signing-in = Connexion
users-disabled-no-link = Le compte est désactivé : aucun lien de mot de passe ne peut être envoyé.
users-invited-detail = Cette personne n’a pas encore choisi de mot de passe. Renvoyer l’invitation rend inutilisable le lien de la précédente.
users-resend = Renvoyer l’invitation
users-reset-detail = Envoie à { $email } un lien pour choisir un nouveau mot de passe. Il est valable { $minutes } minutes ; le mot de passe actuel reste valable jusqu’à son utilisation.
users-reset-send = Envoyer un lien de réinitialisation du mot de passe
users-access = Accès
users-disabled-detail = Le compte est désactivé : personne ne peut s’y connecter et ses jetons d’API ne fonctionnent pas. Le réactiver permet de se reconnecter avec son mot de passe et remet en service les jetons qui n’ont pas été révoqués.
users-enable = Réactiver le compte
users-own-account = Il s’agit de votre propre compte. Un autre membre du secrétariat peut le désactiver.
users-disable-detail = Désactiver le compte déconnecte la personne partout et arrête immédiatement ses jetons d’API. Vous pourrez le réactiver plus tard.
users-disable = Désactiver le compte
users-tokens = Jetons d’API
users-tokens-caption = Jetons d’API de { $name } (heures de { $zone })
users-token-label = Libellé
users-token-created = Créé
users-token-state = État
users-actions = Actions
users-token-no-label = (sans libellé)
users-token-revoked = Révoqué le { $when }
users-token-active = Actif
users-token-revoke = Révoquer
users-token-revoke-hidden = le jeton { $label }
users-no-tokens = { $name } n’a pas de jeton d’API. Chacun crée ses propres jetons sur la page de son compte.
users-back = Retour aux utilisateurs

## Inviting someone
users-new-detail = Nous lui enverrons par courriel un lien pour choisir son mot de passe. Le lien est valable { $days } jours ; tant qu’il n’est pas utilisé, personne ne peut se connecter au compte.
users-email-hint = La personne se connectera avec cette adresse.
users-send-invitation = Envoyer l’invitation
users-cancel = Annuler

## Notices
users-invited = { $name } a été invité·e. Un courriel part vers { $email } avec un lien pour choisir un mot de passe ; le lien est valable { $days } jours.
users-saved = Les modifications du compte de { $name } ont été enregistrées.
users-disabled = Le compte de { $name } est désactivé : la personne a été déconnectée partout et ses jetons d’API ne fonctionnent plus.
users-enabled = Le compte de { $name } est réactivé : la personne peut se connecter, et ses jetons d’API non révoqués fonctionnent de nouveau.
users-reset-sent = Un lien pour choisir un nouveau mot de passe a été envoyé à { $email }. Il est valable { $minutes } minutes ; le mot de passe actuel reste valable jusqu’à son utilisation.
users-invitation-sent = L’invitation a été renvoyée à { $email }. Le lien de l’invitation précédente ne fonctionne plus ; le nouveau est valable { $days } jours.
users-token-revoked-notice = Le jeton a été révoqué : les programmes qui l’utilisent ne peuvent plus accéder à l’API.
users-token-revoked-notice-label = Le jeton « { $label } » a été révoqué : les programmes qui l’utilisent ne peuvent plus accéder à l’API.
users-conflict = quelqu’un d’autre a enregistré une modification de ce compte après l’ouverture de cette page, vos modifications n’ont donc pas été enregistrées. Elles sont toujours dans le formulaire : comparez-les aux informations enregistrées (rouvrez la page pour les voir) et enregistrez de nouveau
