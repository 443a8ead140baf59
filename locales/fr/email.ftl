# Courriels (templates/email/). Les valeurs arrivent déjà mises en forme dans la langue du
# contact : noms, dates ($due, $expires, $updated) et périodes ($period, $round). Pas de HTML.
# Les dates commencent par le jour, sans article : « le { $due } » donne « le 30 juin 2026 ».

## Communs à tous les courriels
email-lang = fr
email-dear = Bonjour { $name },
email-hello = Bonjour,
email-regards = Bien cordialement,
email-with-thanks = Avec nos remerciements,
email-signature = Le secrétariat du réseau { $network }
email-button-fallback = Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :
email-note-contact = Vous recevez ce message parce que votre adresse figure parmi les contacts de votre ville pour la Charte.
email-open-update-form = Accéder à votre formulaire de mise à jour
email-open-update-form-text = Accéder à votre formulaire de mise à jour :
email-draft-saved = Si vous avez déjà commencé, votre brouillon est enregistré et vous pouvez reprendre là où vous en étiez.

## round_opened
email-round-opened-subject = Suivi de la Charte : point d’étape { $period } pour { $city }, à remettre d’ici le { $due }
email-round-opened-title = Votre point d’étape sur la Charte
email-round-opened-heading = Le point d’étape { $period } est ouvert
email-round-opened-intro = La campagne de points d’étape { $period } est ouverte. Nous vous remercions de bien vouloir nous indiquer, d’ici le { $due }, où en est { $city } dans la mise en œuvre de ses engagements au titre de la Charte.
email-round-opened-single-page = Le formulaire tient sur une seule page. Vous pouvez l’enregistrer comme brouillon et y revenir à tout moment avant la date limite.
email-round-opened-private = Ce lien est destiné uniquement à vous et à vos collègues ; merci de ne pas le transmettre en dehors de votre administration.
email-round-opened-late-heading = En cas de retard
email-round-opened-late = Si nous n’avons pas reçu votre mise à jour le { $due }, nous vous enverrons un rappel et le secrétariat pourra prendre contact avec vous pour voir comment vous aider. Si elle manque toujours à la clôture de la campagne, { $city } apparaîtra comme « aucune mise à jour reçue » pour { $period } dans le bilan de la campagne.
email-round-opened-late-text = En cas de retard : si nous n’avons pas reçu votre mise à jour le { $due }, nous vous enverrons un rappel et le secrétariat pourra prendre contact avec vous pour voir comment vous aider. Si elle manque toujours à la clôture de la campagne, { $city } apparaîtra comme « aucune mise à jour reçue » pour { $period } dans le bilan de la campagne.
email-round-opened-wrong-person = Si vous n’êtes plus la bonne personne pour ce suivi, merci de nous indiquer qui contacter afin que nous puissions mettre à jour nos informations.

## due_soon
email-due-soon-subject = Rappel : le point d’étape { $period } pour { $city } est attendu { $days ->
    [0] aujourd’hui
    [one] dans { $days } jour
   *[other] dans { $days } jours
}
email-due-soon-title = Rappel : votre point d’étape sur la Charte
email-due-soon-heading = Votre point d’étape { $period } est attendu { $days ->
    [0] aujourd’hui
    [one] dans { $days } jour
   *[other] dans { $days } jours
}
email-due-soon-intro = Nous nous permettons de vous rappeler que le point d’étape { $period } pour { $city } est attendu le { $due }, { $days ->
    [0] c’est-à-dire aujourd’hui
    [one] soit dans { $days } jour
   *[other] soit dans { $days } jours
}.
email-due-soon-already-sent = Si vous nous avez déjà envoyé votre mise à jour, merci beaucoup ; vous pouvez ignorer ce message.

## overdue
email-overdue-subject = { $city } : nous n’avons pas encore reçu votre point d’étape { $period }
email-overdue-title = Votre point d’étape ne nous est pas encore parvenu
email-overdue-heading = Nous n’avons pas encore reçu votre point d’étape { $period }
email-overdue-intro = Sauf erreur de notre part, nous n’avons pas encore reçu le point d’étape { $period } pour { $city }. Il était attendu le { $due }, il y a { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}.
email-overdue-priorities = Nous savons que ces mises à jour s’ajoutent à de nombreuses autres priorités. Dans la mesure du possible, merci de le compléter dans les prochains jours.
email-overdue-priorities-text = Nous savons que ces mises à jour s’ajoutent à de nombreuses autres priorités. Dans la mesure du possible, merci de le compléter dans les prochains jours :
email-overdue-help = Si quelque chose vous en empêche, par exemple si vous avez besoin de plus de temps ou si vous n’êtes plus la bonne personne, dites-le-nous simplement et nous trouverons une solution ensemble.
email-overdue-already-sent = Si vous nous avez fait parvenir votre mise à jour entre-temps, merci ; vous pouvez ignorer ce message.

## escalation_digest
email-escalation-subject = Points d’étape { $round } manquants : { $count }
email-escalation-title = Points d’étape manquants
email-escalation-heading = Points d’étape { $round } manquants
email-escalation-intro = Les villes suivantes ne nous ont pas encore envoyé leur point d’étape { $round }, attendu le { $due }. Lorsque les rappels automatiques n’ont pas suffi, un message personnel du secrétariat peut aider.
email-escalation-caption = Villes dont le point d’étape est en retard
email-escalation-col-city = Ville
email-escalation-col-days-late = Jours de retard
email-escalation-col-contacts = Contacts
email-escalation-days-late = { $city } : { $days ->
    [one] { $days } jour
   *[other] { $days } jours
} de retard.
email-escalation-contacts = Contacts :
email-escalation-no-contacts = aucun contact enregistré
email-escalation-none-late = Aucune ville n’est en retard pour le moment.
email-escalation-stale = Par ailleurs : { $actions ->
    [one] { $actions } action en cours n’a pas été mise
   *[other] { $actions } actions en cours n’ont pas été mises
} à jour depuis longtemps, dans { $cities ->
    [one] { $cities } ville
   *[other] { $cities } villes
} ; la vue d’ensemble du réseau les compte par ville.
email-escalation-button = Ouvrir la vue d’ensemble de la campagne
email-escalation-overview-text = La vue d’ensemble de la campagne, avec les coordonnées de chaque ville :
email-escalation-note = Ce récapitulatif est envoyé automatiquement au secrétariat par l’outil de suivi de la Charte.

## round_closed
email-round-closed-subject = Clôture de la campagne { $round } : { $on_time } dans les délais, { $late } en retard, { $missed } sans mise à jour
email-round-closed-title = Clôture de la campagne de points d’étape
email-round-closed-heading = La campagne de points d’étape { $round } est close
email-round-closed-intro = La campagne de points d’étape { $round } est close. La date limite était fixée au { $due }. En voici le bilan.
email-round-closed-on-time = Dans les délais ({ $count })
email-round-closed-on-time-text = Dans les délais ({ $count }) :
email-round-closed-late = En retard, mise à jour reçue après la date limite ({ $count })
email-round-closed-late-text = En retard, mise à jour reçue après la date limite ({ $count }) :
email-round-closed-missed = Sans mise à jour ({ $count })
email-round-closed-missed-text = Sans mise à jour ({ $count }) :
email-round-closed-none = aucune
email-round-closed-button = Ouvrir le bilan de la campagne
email-round-closed-summary-text = Le bilan complet de la campagne :
email-round-closed-note = Ce bilan est envoyé automatiquement au secrétariat par l’outil de suivi de la Charte.

## password_reset
email-password-reset-subject = Réinitialisation de votre mot de passe pour l’outil de suivi de la Charte ({ $network })
email-password-reset-title = Réinitialisation de votre mot de passe
email-password-reset-intro = Nous avons reçu une demande de réinitialisation du mot de passe de votre compte. Pour choisir un nouveau mot de passe, utilisez le bouton ci-dessous.
email-password-reset-intro-text = Nous avons reçu une demande de réinitialisation du mot de passe de votre compte. Pour choisir un nouveau mot de passe, ouvrez ce lien :
email-password-reset-button = Choisir un nouveau mot de passe
email-password-reset-valid = Ce lien est valable jusqu’au { $expires }. Passé ce délai, vous pourrez en demander un nouveau depuis la page de connexion.
email-password-reset-ignore = Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer ce message : votre mot de passe ne sera pas modifié.
email-password-reset-note = Pour votre sécurité, nous ne vous demanderons jamais votre mot de passe par courriel.

## invitation
email-invitation-subject = Votre compte sur l’outil de suivi de la Charte ({ $network })
email-invitation-title = Votre compte sur l’outil de suivi de la Charte
email-invitation-intro = Un compte a été créé pour vous sur l’outil de suivi de la Charte du réseau { $network }, où les villes signataires tiennent leur plan d’action pour la Charte des villes intégratrices et rendent compte de leurs progrès.
email-invitation-choose-text = Pour commencer, choisissez votre mot de passe en ouvrant ce lien :
email-invitation-button = Choisir votre mot de passe
email-invitation-sign-in = Vous vous connecterez ensuite avec votre adresse électronique, { $email }. Ce lien est valable jusqu’au { $expires } ; passé ce délai, demandez-en un nouveau au secrétariat ou utilisez « Mot de passe oublié ? » sur la page de connexion.
email-invitation-note = Vous recevez ce message parce que le secrétariat du réseau a créé un compte pour vous. Si vous ne l’attendiez pas, vous pouvez l’ignorer.

## report_compiled
email-report-compiled-subject = Projet de rapport de résultats { $period } à relire : { $framework }
email-report-compiled-title = Projet de rapport de résultats prêt
email-report-compiled-heading = Le projet de rapport de résultats { $period } est prêt
email-report-compiled-intro = Le cycle { $period } est terminé : l’outil de suivi de la Charte a établi un projet de rapport de résultats pour « { $framework } » à partir de ce que les villes ont enregistré (version { $version }).
email-report-compiled-review = Merci de le relire, de signaler les bonnes pratiques à mettre en avant, puis de le publier lorsqu’il est prêt. Rien n’est public avant la publication.
email-report-compiled-button = Lire le projet
email-report-compiled-draft-text = Le projet :
email-report-compiled-note = Ce message est envoyé automatiquement au secrétariat par l’outil de suivi de la Charte à la fin de chaque cycle de rapport.

## changes_requested
email-changes-subject = { $city } : le secrétariat a une question sur votre point d’étape { $round }
email-changes-title = Une question sur votre point d’étape
email-changes-heading = Une question sur votre point d’étape { $round }
email-changes-intro = Merci pour le point d’étape { $round } pour { $city }. Avant de l’inclure dans le rapport du réseau, nous aimerions que vous revoyiez quelques points.
email-changes-about-actions = À propos de vos actions :
email-changes-action-comment = { $title } : { $comment }
email-changes-saved = Vos réponses sont enregistrées dans le formulaire ; modifiez ce qui est nécessaire et envoyez-le à nouveau.
email-changes-saved-text = Vos réponses sont enregistrées dans le formulaire ; modifiez ce qui est nécessaire et envoyez-le à nouveau :
email-changes-button = Ouvrir votre point d’étape
email-changes-link-valid = Le lien fonctionne pendant 30 jours, même après la clôture de la campagne. Si quelque chose n’est pas clair, répondez simplement à ce message.

## stale_actions
email-stale-subject = { $city } : des actions de votre plan à mettre à jour
email-stale-title = Des actions à mettre à jour
email-stale-intro = Certaines actions du plan d’action pour { $city } au titre de la Charte sont toujours en cours, mais personne ne les a mises à jour depuis { $days } jours ou plus :
email-stale-item = { $title } ({ $commitment }), dernière mise à jour le { $updated } :
email-stale-item-after-link = ({ $commitment }), dernière mise à jour le { $updated }
email-stale-please = Merci d’indiquer où elles en sont (statut et avancement), ou de les marquer comme terminées ou annulées.
email-stale-please-text = Merci d’indiquer où elles en sont (statut et avancement), ou de les marquer comme terminées ou annulées. La page de la ville les liste aussi :
email-stale-button = Ouvrir la page de la ville
email-stale-monthly = Vous recevrez ce rappel au plus une fois par mois, tant que des actions attendent une mise à jour.
