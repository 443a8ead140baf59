# The secretariat's list of cities, the city form and a city's contacts
# (templates/pages/cities.hbs, city_form.hbs, contacts.hbs, contact_form.hbs, contact_remove.hbs;
# src/pages/cities.rs, contacts.rs).

## The list of cities
cities-title = Villes
cities-lead = Les villes qui ont signé une charte du réseau, et la date de leur signature.
cities-register = Enregistrer une ville
cities-search-label = Villes
cities-search-name = Rechercher par nom
cities-search-submit = Rechercher
cities-show-every-city = Afficher toutes les villes
cities-caption-search = Villes dont le nom contient « { $q } » ({ $total })
cities-caption = Villes signataires ({ $total })
cities-col-city = Ville
cities-col-country = Pays
cities-col-signed = Signature
cities-col-public = Page publique
cities-col-actions = Actions
cities-nothing-signed = Rien de signé pour l’instant
cities-public = Publique
cities-not-public = Non publique
cities-change = Modifier
cities-contacts = Contacts
cities-contacts-hidden = à { $city }
cities-none-found = Aucun nom de ville ne contient « { $q } ».
cities-none-yet = Aucune ville n’a encore été enregistrée.

## Registering or changing a city
cities-new-title = Enregistrer une ville
cities-new-heading = Enregistrer une ville signataire
cities-edit-title = Modifier { $city }
cities-edit-heading = Modifier les informations de { $city }
cities-field-name = Nom
cities-field-name-hint = Tel que la ville l’écrit, par exemple Malmö, Łódź, Zürich.
cities-field-country = Pays
cities-field-country-choose = Choisissez un pays
cities-field-public = La page de la ville doit-elle être publique ?
cities-field-public-hint = Une page publique montre le plan d’action de la ville et ses progrès à tout le monde, sans connexion.
cities-field-public-label = Page publique
cities-public-yes = Oui, tout le monde peut voir la page et le plan de la ville
cities-public-no = Non, seulement les personnes connectées
cities-signatures = Signatures
cities-signatures-hint = Pour chaque charte signée par la ville, la date de signature, au format AAAA-MM-JJ (par exemple 2015-06-09). Laissez vide si la ville ne l’a pas signée.
cities-signed-on = Date de signature de la { $framework } par la ville
cities-signed-on-error = La date de signature de la { $framework } par la ville :
cities-register-submit = Enregistrer la ville
cities-save = Enregistrer les modifications
cities-cancel = Annuler
cities-registered = { $city } a été enregistrée. Ajoutez ses contacts pour qu’ils reçoivent les rappels des points d’étape.
cities-saved = Les informations de { $city } ont été enregistrées.
cities-conflict = quelqu’un d’autre a enregistré une modification de cette ville après l’ouverture de cette page, vos modifications n’ont donc pas été enregistrées. Elles sont toujours dans le formulaire : comparez-les aux informations enregistrées (rouvrez la page pour les voir) et enregistrez de nouveau

## A city's contacts
cities-contacts-title = Contacts à { $city }
cities-contacts-lead = Les personnes du service de la ville qui reçoivent les courriels des points d’étape : l’invitation à chaque campagne, et les rappels avant et après l’échéance.
cities-contact-add = Ajouter un contact
cities-contacts-personal = Les noms et adresses électroniques sont des données personnelles : seuls le secrétariat du réseau et les rédacteur·rices de la ville les voient.
cities-contact-name = Nom
cities-contact-email = Adresse électronique
cities-contact-language = Langue
cities-contact-office-role = Fonction dans le service
cities-contact-reminders = Rappels
cities-contact-not-given = Non indiquée
cities-contact-role-not-given = Fonction non indiquée
cities-contact-receives = Reçoit les rappels
cities-contact-no-reminders = Pas de rappels
cities-contact-remove = Retirer
cities-contacts-none = { $city } n’a pas encore de contact : personne n’y reçoit donc les courriels des points d’étape.
cities-contacts-back = Retour à { $city }
cities-contact-new-title = Ajouter un contact à { $city }
cities-contact-edit-title = Modifier un contact à { $city }
cities-contact-email-hint = Les courriels des points d’étape sont envoyés à cette adresse.
cities-contact-language-hint = Le code à deux lettres de la langue de la personne, par exemple en pour l’anglais, fr pour le français, de pour l’allemand. Les courriels sont rédigés en anglais, en français et en allemand ; les autres langues reçoivent l’anglais.
cities-contact-office-role-optional = Fonction dans le service (facultatif)
cities-contact-office-role-hint = Par exemple, chargée de mission intégration.
cities-contact-reminders-legend = Cette personne doit-elle recevoir les courriels des points d’étape ?
cities-contact-reminders-hint = L’invitation à chaque campagne de points d’étape, et les rappels avant et après l’échéance.
cities-yes = Oui
cities-no = Non
cities-contact-add-submit = Ajouter le contact
cities-contact-added = { $name } a été ajouté·e aux contacts de { $city }.
cities-contact-saved = Les informations de { $name } ont été enregistrées.
cities-contact-conflict = quelqu’un d’autre a enregistré une modification de ce contact après l’ouverture de cette page, vos modifications n’ont donc pas été enregistrées. Elles sont toujours dans le formulaire : comparez-les aux informations enregistrées (rouvrez la page pour les voir) et enregistrez de nouveau
cities-contact-remove-title = Retirer { $name }
cities-contact-remove-heading = Retirer { $name } des contacts de { $city } ?
cities-contact-remove-detail = Cette personne ne recevra plus de courriels des points d’étape. Les liens des courriels déjà envoyés restent valables jusqu’à la clôture de leur campagne.
cities-contact-remove-submit = Retirer le contact
cities-contact-removed = { $name } a été retiré·e des contacts de { $city }. Cette personne ne recevra plus de courriels ; les liens des courriels déjà envoyés restent valables jusqu’à la clôture de leur campagne.
