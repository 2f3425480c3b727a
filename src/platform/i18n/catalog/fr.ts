import type { en } from './en.ts';

export const fr: Record<keyof typeof en, string> = {
  'nav.skip': 'Aller au contenu principal',
  'nav.main': 'Navigation principale',
  'nav.language': 'Langue',
  'nav.login': 'Se connecter',
  'nav.logout': 'Se déconnecter',
  'nav.signup': 'Créer un compte',
  'footer.text': 'convene — réunions des groupes de normalisation',
  'footer.api': 'API',

  'outcome.next': 'Et ensuite',
  'confirm.whatHappens': 'Ce qui va se passer',
  'confirm.change': 'Modifier',
  'confirm.cancel': 'Annuler',
  'form.errorSummary': 'Un problème est survenu',
  'form.errorOfField': '{field} : {message}',
  'form.requiredNote': 'Les champs marqués d’un astérisque (*) sont obligatoires.',
  'form.required': 'obligatoire',
  'form.error.date': 'Veuillez saisir une date valide, par exemple {example}.',
  'form.save': 'Enregistrer',
  'form.create': 'Créer',
  'form.actions': 'Actions',
  'form.inLanguage': 'En {language}',
  'notice.saved': 'Vos modifications ont été enregistrées.',
  'notice.created': 'Élément créé.',
  'notice.deleted': 'Élément supprimé.',
  'notice.verified': 'Merci : votre adresse électronique est confirmée.',
  'notice.verificationSent': 'Nous vous avons envoyé un nouveau courriel de confirmation.',
  'notice.loggedOut': 'Vous êtes déconnecté.',

  'error.title': 'Erreur {status}',
  'error.home': 'Aller à la page d’accueil',
  'error.notFound': 'Cette page est introuvable.',
  'error.unauthenticated': 'Veuillez d’abord vous connecter.',
  'error.forbidden': 'Vous n’êtes pas autorisé à effectuer cette opération.',
  'error.csrf': 'Ce formulaire a expiré ou a été envoyé depuis un autre site. Veuillez revenir en arrière, recharger la page et réessayer.',
  'error.validation': 'Certains champs doivent être vérifiés.',
  'error.badRequest': 'La requête n’a pas pu être interprétée.',
  'error.tooLarge': 'Les données envoyées sont trop volumineuses.',
  'error.internal': 'Une erreur s’est produite de notre côté. Veuillez réessayer plus tard.',
  'error.invalid': 'Cette valeur n’est pas valide.',
  'error.required': 'Veuillez remplir ce champ.',
  'error.tooLong': 'Ce texte est trop long.',
  'error.email': 'Veuillez saisir une adresse électronique valide, par exemple name@example.org.',
  'error.date': 'Veuillez saisir une date valide au format AAAA-MM-JJ.',
  'error.timeZone': 'Veuillez saisir un fuseau horaire IANA, par exemple Europe/Zurich.',
  'error.country': 'Veuillez choisir un pays dans la liste.',
  'error.number': 'Veuillez saisir un nombre entier compris dans la plage autorisée.',
  'error.choice': 'Veuillez choisir l’une des options.',
  'error.unknownAccount': 'Aucun compte n’est associé à cette adresse électronique.',
  'account.unverifiedBanner': 'Veuillez confirmer votre adresse électronique au moyen du lien que nous vous avons envoyé.',
  'account.resendVerification': 'Renvoyer le lien',
  'venue.city': 'Ville',
  'notice.cancelled': 'Votre inscription a été annulée.',
  'error.unknownSession': 'Choisissez des sessions de cette réunion.',
  'error.idempotencyKeyReused': 'Cette clé Idempotency-Key a déjà été utilisée pour une autre requête.',
  'error.tryAgain': 'La même requête est toujours en cours de traitement. Veuillez réessayer dans un instant.',
  'notice.accountDeleted': 'Votre compte et vos données ont été supprimés.',
  'error.fileTooLarge': 'Le fichier dépasse {mb} Mo.',
  'error.tooMany': 'Trop d’entrées.',
  // issue 10: database restarts
  'error.databaseUnavailable':
    'Le service est momentanément indisponible : sa base de données est injoignable. Veuillez réessayer dans quelques secondes.',
  'error.shuttingDown': 'Ce serveur est en cours d’arrêt. Veuillez réessayer dans quelques secondes : un autre vous répondra.',
  'notice.loginExpired': 'Votre connexion a expiré ou a reçu trop de codes erronés. Veuillez vous reconnecter.',
  'notice.twoFactorOff': 'L’authentification à deux facteurs est désormais désactivée.',
  // issue 10: uploads
  'error.uploadRetry':
    'Le téléversement n’a pas pu aboutir, car le même fichier était en cours de suppression à ce moment-là. Veuillez l’envoyer à nouveau.',
  'error.pdfBusy': 'Trop de documents sont en cours de préparation en ce moment. Veuillez réessayer dans quelques secondes.',
  // issue 10: input
  'error.badAddress': 'L’adresse de cette page n’est pas valide : elle contient des caractères non autorisés.',
  'error.malformedBody': 'Le contenu envoyé est illisible : ce n’est pas du texte valide.',
  'error.controlCharacters': 'Supprimez les caractères de contrôle invisibles de ce champ.',
  'error.invalidText': 'Ce champ contient des caractères qui ne sont pas du texte valide.',
  'error.singleLine': 'Ce champ doit tenir sur une seule ligne.',
  'error.repeatedParameter': 'Ne donnez ce paramètre qu’une seule fois.',
  'error.fileMissing':
    'Ce fichier manque dans le stockage des fichiers. Les administrateurs ont été prévenus ; veuillez réessayer plus tard.',
  // issue 12: the pages that problem types name (/problems/:code)
  'problem.title': 'Type de problème « {code} »',
  'problem.example': 'Ce que répond l’API',
  'problem.whatToDo': 'Que faire',
  'problem.about': 'À propos de ces réponses',
  'problem.aboutText':
    'L’API de convene répond à toute erreur par des détails de problème (RFC 9457), en JSON envoyé comme application/problem+json : « type » est l’adresse de la page qui explique le problème, « code » son nom court, sur lequel les programmes se fondent et qui ne change jamais, « title » ce qui s’est passé, dans la langue de la requête, « status » le statut HTTP et « instance » le chemin demandé. Lorsque des champs sont à corriger, « errors » donne chacun avec son message.',
  'problem.allTypes': 'Tous les types de problème',
  'problem.apiDocs': 'Documentation de l’API',
  'problem.indexTitle': 'Types de problème de l’API',
  'problem.indexIntro': 'Tous les problèmes par lesquels l’API de convene peut répondre, par code, avec leur statut HTTP.',
  'problem.advice.400':
    'La requête ne peut pas être lue telle qu’elle a été envoyée : corrigez son adresse, ses paramètres ou son corps. La renvoyer sans changement échouera de nouveau.',
  'problem.advice.401':
    'L’authentification manque ou est erronée : envoyez un jeton d’API valide dans l’en-tête « Authorization: Bearer <token> » (les jetons se créent sur la page de votre compte) et, lorsque la requête demande un mot de passe ou un code, le bon.',
  'problem.advice.403':
    'Vous êtes identifié, mais vous n’avez pas le droit de faire ceci ; adressez-vous au secrétariat si nécessaire. Avec une session de navigateur au lieu d’un jeton, une modification doit aussi porter l’en-tête X-CSRF-Token.',
  'problem.advice.404':
    'Ce que désigne l’adresse n’existe pas ou ne vous est pas visible : vérifiez l’identifiant ou le code dans le chemin.',
  'problem.advice.409':
    'La requête est en conflit avec l’état actuel de ce qu’elle modifie (délai dépassé, doublon, décision déjà prise) : lisez l’état actuel, puis décidez quoi envoyer.',
  'problem.advice.410': 'Ce que désignait le lien a définitivement disparu : demandez un nouveau lien.',
  'problem.advice.413':
    'Ce que vous avez envoyé est trop volumineux : les corps JSON sont limités à 1 Mo et les fichiers téléversés à 50 Mo.',
  'problem.advice.414': 'Une partie de l’adresse est trop longue : raccourcissez-la.',
  'problem.advice.415':
    'Le corps a un type de média que cette opération n’accepte pas : envoyez application/json, ou multipart/form-data pour les téléversements.',
  'problem.advice.422':
    'Certaines valeurs ne sont pas valides : « errors » nomme chaque champ et dit pourquoi. Corrigez-les et renvoyez la requête.',
  'problem.advice.429': 'Trop de tentatives ou de requêtes : attendez le nombre de minutes indiqué dans « title » avant de réessayer.',
  'problem.advice.500':
    'Une panne de notre côté, consignée pour les administrateurs : réessayez plus tard et prévenez le secrétariat si elle persiste.',
  'problem.advice.503':
    'Une situation passagère : renvoyez la même requête un peu plus tard, après le nombre de secondes de l’en-tête Retry-After lorsqu’il est présent.',
  'design.title': 'Système de conception',
  'design.intro':
    'Les composants dont chaque page est faite, de gauche à droite et de droite à gauche. Couleurs, espacements et typographie viennent des propriétés personnalisées de /static/app.css.',
  'design.tokens': 'Couleurs et icônes',
  'design.components': 'Composants',
  'pagination.label': 'Pages',
  'pagination.previous': 'Précédent',
  'pagination.next': 'Suivant',
  'pagination.range': '{first, number}–{last, number} sur {total, number}',
};
