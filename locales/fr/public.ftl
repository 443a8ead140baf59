# Pages anyone can read: home, accessibility statement, missing files.

## Home
public-home-title = Accueil
public-home-heading = Charte des villes pour l’intégration : plans d’action et progrès
public-home-lead = Les villes signataires de la Charte des villes pour l’intégration de { $network } s’engagent à garantir l’égalité des chances à tous leurs habitants, dans leurs rôles de décideurs politiques, de prestataires de services, d’employeurs et d’acheteurs de biens et de services. C’est ici qu’elles tiennent leurs plans d’action et rendent compte de leurs progrès, et que le réseau publie ses rapports de résultats.
public-home-reports-link = Lire les rapports de résultats publiés
public-home-open-data-link = Télécharger les données ouvertes
public-home-open-data-after = : les plans et actions publiés, librement réutilisables
public-home-sign-in-link = Connectez-vous
public-home-sign-in-after = {" "}si vous travaillez dans les services d’une ville signataire ou au secrétariat du réseau
public-home-cities-heading = Villes qui publient leur plan

## Accessibility statement
public-accessibility-title = Déclaration d’accessibilité
public-accessibility-intro = Ce service est géré par le secrétariat du réseau. Nous voulons qu’il soit utilisable par le plus grand nombre. Vous devriez pouvoir :
public-accessibility-keyboard = utiliser chaque page uniquement au clavier, et sans JavaScript ;
public-accessibility-zoom = agrandir l’affichage jusqu’à 400 % sans que le texte ne sorte de l’écran ;
public-accessibility-screen-reader = l’utiliser avec un lecteur d’écran : chaque champ de formulaire a une étiquette, les erreurs sont listées en haut du formulaire et affichées à côté du champ, les tableaux ont des en-têtes et des légendes, et chaque graphique est accompagné d’un tableau avec les mêmes chiffres.
public-accessibility-how-heading = Niveau d’accessibilité de ce service
public-accessibility-how = Nous visons la conformité aux Règles pour l’accessibilité des contenus Web (WCAG) 2.1 au niveau AA, comme la directive européenne sur l’accessibilité du web l’exige des organismes publics. Chaque version est vérifiée automatiquement : les principaux parcours sont exécutés dans un navigateur avec le vérificateur d’accessibilité axe, et les pages sont validées avec le validateur HTML du W3C.
public-accessibility-report-heading = Signaler un problème
public-accessibility-report = Si une partie du service vous est inutilisable, merci de le signaler au secrétariat du réseau en précisant la page et ce qui s’est passé. Nous vous répondrons et corrigerons le problème.

## A file that is not there (/static/...)
public-no-file = Ce fichier n’existe pas. Si vous avez suivi un lien, il n’est peut-être plus à jour.
