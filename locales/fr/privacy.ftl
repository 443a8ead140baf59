# Personal data: the public privacy page, and the secretariat's pages to find, download and
# erase what is held about one person (templates/pages/privacy.hbs, people.hbs, person.hbs;
# src/pages/privacy.rs).

## The public privacy page
privacy-title = Confidentialité : vos données personnelles
privacy-lead = Ce service est géré par le secrétariat du réseau { $network }, qui décide des données personnelles conservées et en est responsable. Il n’en conserve que le strict nécessaire pour suivre les plans d’action des villes et envoyer les courriels des points d’étape.
privacy-kept-heading = Ce que nous conservons, et pourquoi
privacy-contacts = Contacts des villes
privacy-contacts-detail = Nom, adresse électronique, langue de lecture et fonction dans le service, saisis par le secrétariat ou les rédacteur·rices de la ville, afin que les courriels des points d’étape parviennent aux bonnes personnes dans leur langue. Conservés tant que la ville les garde comme contacts.
privacy-users = Utilisateurs de l’outil
privacy-users-detail = Adresse électronique, nom, rôle (et ville, pour les rédacteur·rices d’une ville), le mot de passe sous forme d’empreinte argon2id irréversible (jamais le mot de passe lui-même), les sessions de navigateur (terminées après { $idle } minutes d’inactivité, et après { $hours } heures au plus) et les jetons d’API (sous forme d’empreintes, jusqu’à leur révocation), afin que seules les bonnes personnes puissent voir et modifier les données d’une ville. Conservés tant que le compte existe.
privacy-emails = Courriels envoyés
privacy-emails-detail = Pour chaque courriel : le nom et l’adresse du destinataire, l’objet et le texte, afin que le secrétariat puisse voir ce qui a été envoyé et renvoyer un courriel en échec. Le destinataire et le texte sont effacés { $days } jours après l’envoi ; l’objet, le type et les dates restent, pour que le nombre de courriels envoyés reste exact.
privacy-sign-ins = Traces de connexion
privacy-sign-ins-detail = Chaque tentative de connexion : l’adresse électronique saisie, l’adresse réseau d’origine, la réussite ou l’échec, et l’heure, afin de freiner les personnes qui tentent de deviner des mots de passe. Supprimées après un jour.
privacy-history = Historique des modifications
privacy-history-detail = Chaque modification d’une ville, d’un plan, d’une action, d’un contact ou de la valeur d’un indicateur enregistre son auteur (l’adresse électronique d’un utilisateur, ou le nom et l’adresse d’un contact lorsqu’il a utilisé un lien de point d’étape reçu par courriel) et, pour un contact, ses informations avant et après. Conservé aussi longtemps que l’objet, pour que les modifications puissent être vérifiées.
privacy-no-personal-data = Les rapports publiés ainsi que les plans et actions des villes ne contiennent aucune donnée personnelle.
privacy-who-heading = Qui y a accès
privacy-who = Le secrétariat du réseau, et les rédacteur·rices d’une ville pour les contacts de cette ville. Les observateur·rices et les autres villes ne voient pas les noms et adresses des contacts, et le public jamais.
privacy-rights-heading = Vos droits, et à qui vous adresser
privacy-rights = Vous pouvez demander au secrétariat du réseau { $network } une copie de tout ce qui est conservé à votre sujet, sa rectification ou son effacement. Le secrétariat peut exporter tout ce qui est conservé au sujet d’une adresse électronique et l’effacer : votre fiche de contact et votre compte sont supprimés, et lorsqu’un enregistrement doit encore indiquer qu’une personne a fait une modification, votre nom et votre adresse sont remplacés par un pseudonyme tel que « contact effacé 12 ».
privacy-write = Écrivez au secrétariat du réseau { $network }, l’organisme qui gère ce service. Si la réponse ne vous satisfait pas, vous pouvez déposer une plainte auprès de l’autorité de protection des données de votre pays.

## Finding a person
privacy-people-title = Données personnelles
privacy-people-lead = Voir tout ce qui est conservé au sujet d’une personne, le télécharger ou l’effacer, comme le demande le RGPD lorsqu’une personne demande une copie ou l’effacement de ses données.
privacy-people-see = Pour savoir ce qui est conservé, consultez la
privacy-people-page-link = page sur la confidentialité
privacy-email = Adresse électronique
privacy-email-hint = Ses contacts dans chaque ville, son compte utilisateur, les courriels qui lui ont été envoyés, les traces de connexion et tout enregistrement qui la nomme sont retrouvés grâce à cette adresse.
privacy-show = Afficher ce qui est conservé
privacy-confirmation = Confirmation

## What is held about a person
privacy-person-title = Données personnelles conservées au sujet de { $email }
privacy-person-contacts = Contacts
privacy-person-contact-language = (langue : { $language })
privacy-none = Aucun
privacy-person-user = Compte utilisateur
privacy-person-user-id = Utilisateur { $id }
privacy-person-disabled = (désactivé)
privacy-person-sessions = { $sessions ->
    [one] { $sessions } session
   *[other] { $sessions } sessions
}
privacy-person-tokens = { $tokens ->
    [one] { $tokens } jeton d’API
   *[other] { $tokens } jetons d’API
}
privacy-person-emails = Courriels qui lui ont été envoyés
privacy-person-emails-count = { $count } (dont { $bodies } avec leur texte)
privacy-person-history = Entrées d’historique
privacy-person-links-label = Liens et événements de points d’étape
privacy-person-links = { $links ->
    [one] { $links } lien
   *[other] { $links } liens
}
privacy-person-events = { $events ->
    [one] { $events } événement
   *[other] { $events } événements
}
privacy-person-sign-ins = Traces de connexion
privacy-person-mentions = Autres enregistrements qui la nomment
privacy-download = Télécharger en JSON
privacy-erase-heading = Effacer cette personne
privacy-erase-detail = Ses contacts et son compte utilisateur sont supprimés, avec ses sessions, jetons d’API, liens de points d’étape et traces de connexion. Partout où un enregistrement doit encore indiquer qu’une personne a fait une modification (historique, courriels envoyés, points d’étape), son nom et son adresse sont remplacés par un pseudonyme tel que « contact effacé 12 ». Les plans, actions et rapports restent inchangés. Cette opération est irréversible.
privacy-erase-confirm = Je comprends que tout ce qui est conservé au sujet de { $email } sera définitivement effacé
privacy-erase = Effacer cette personne
privacy-cancel = Annuler
privacy-erased = { $contacts ->
    [one] Tout ce qui était conservé au sujet de { $email } a été effacé : { $contacts } contact supprimé ; là où un enregistrement doit encore la nommer, il indique désormais « { $pseudonym } ».
   *[other] Tout ce qui était conservé au sujet de { $email } a été effacé : { $contacts } contacts supprimés ; là où un enregistrement doit encore la nommer, il indique désormais « { $pseudonym } ».
}
privacy-erased-with-account = { $contacts ->
    [one] Tout ce qui était conservé au sujet de { $email } a été effacé : { $contacts } contact et son compte utilisateur supprimés ; là où un enregistrement doit encore la nommer, il indique désormais « { $pseudonym } ».
   *[other] Tout ce qui était conservé au sujet de { $email } a été effacé : { $contacts } contacts et son compte utilisateur supprimés ; là où un enregistrement doit encore la nommer, il indique désormais « { $pseudonym } ».
}
