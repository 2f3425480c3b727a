import type { en } from './en.ts';

export const fr: Record<keyof typeof en, string> = {
  'error.passwordShort': 'Votre mot de passe doit comporter au moins 10 caractères.',
  'error.emailTaken': 'Un compte associé à cette adresse électronique existe déjà. Connectez-vous ou réinitialisez votre mot de passe.',
  'error.badCredentials': 'L’adresse électronique ou le mot de passe est incorrect.',
  'error.tooManyAttempts':
    'Trop de tentatives infructueuses. Veuillez patienter {minutes, plural, one {# minute} other {# minutes}}, puis réessayer.',
  'error.tokenInvalid': 'Ce lien n’est pas valide ou a expiré. Veuillez en demander un nouveau.',
  'error.chooseCategory':
    'Choisissez la catégorie de membre au titre de laquelle vous participez : elle détermine notamment si une aide pour le visa peut être demandée.',
  'account.email': 'Adresse électronique',
  'account.password': 'Mot de passe',
  'account.password.hint': 'Au moins 10 caractères.',
  'account.title': 'Mon compte',
  'account.profile': 'Profil',
  'account.language': 'Langue',
  'account.language.hint':
    'La langue des messages que nous vous envoyons. Choisir une langue dans le menu en haut de la page la change aussi.',
  'profile.title': 'Titre',
  'profile.title.none': '(aucun)',
  'profile.title.Mr': 'M.',
  'profile.title.Ms': 'Mme',
  'profile.title.Mx': 'Mx',
  'profile.title.Dr': 'Dr',
  'profile.title.Prof': 'Pr',
  'profile.givenName': 'Prénom',
  'profile.familyName': 'Nom de famille',
  'profile.organization': 'Organisation',
  'profile.country': 'Pays',
  'profile.country.none': '(non indiqué)',
  'profile.category': 'Catégorie de membre',
  'profile.category.hint':
    'La participation est gratuite et ouverte à tous. L’appui pour la demande de visa ne peut être demandé que pour les membres de l’UIT.',
  'profile.category.choose': 'Choisissez…',
  'category.member-state': 'Administration d’un État Membre de l’UIT',
  'category.sector-member': 'Membre de Secteur',
  'category.associate': 'Associé',
  'category.academia': 'Établissement universitaire',
  'category.non-member': 'Non-membre (expert à titre individuel ou organisation)',

  'signup.title': 'Créer un compte',
  'signup.intro': 'Chacun peut participer : un compte vous permet de vous inscrire aux réunions et de soumettre des contributions.',
  'signup.submit': 'Créer le compte',
  'signup.haveAccount': 'Vous avez déjà un compte ?',
  'login.title': 'Connexion',
  'login.submit': 'Se connecter',
  'login.forgot': 'Mot de passe oublié ?',
  'forgot.title': 'Réinitialiser votre mot de passe',
  'forgot.intro': 'Saisissez l’adresse électronique de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.',
  'forgot.submit': 'Envoyer le lien',
  'forgot.sent': 'Si un compte utilise cette adresse, un lien lui a été envoyé. Ce lien est valable une heure.',
  'reset.title': 'Choisir un nouveau mot de passe',
  'reset.newPassword': 'Nouveau mot de passe',
  'reset.submit': 'Modifier le mot de passe',
  'verify.title': 'Adresse électronique confirmée',
  'verify.continue': 'Continuer',

  'tokens.title': 'Jetons d’API personnels',
  'tokens.intro': 'Un jeton permet à un script d’utiliser l’API en votre nom, avec l’en-tête « Authorization: Bearer <token> ».',
  'tokens.created': 'Voici votre nouveau jeton. Copiez-le maintenant : il ne sera plus affiché.',
  'tokens.name': 'Nom du jeton',
  'tokens.createdAt': 'Créé le',
  'tokens.lastUsed': 'Dernière utilisation',
  'tokens.revoke': 'Révoquer',
  'tokens.create': 'Créer un jeton',

  'mail.verify.subject': 'Confirmez votre adresse électronique',
  'mail.verify.body':
    'Bonjour {name},\n\nVeuillez confirmer votre adresse électronique en ouvrant le lien suivant :\n{link}\n\nCe lien est valable {hours, plural, one {# heure} other {# heures}}. Si vous n’avez pas créé de compte, vous pouvez ignorer ce message.',
  'mail.reset.subject': 'Réinitialisation de votre mot de passe',
  'mail.reset.body':
    'Bonjour {name},\n\nPour choisir un nouveau mot de passe, ouvrez le lien suivant :\n{link}\n\nCe lien est valable {hours, plural, one {# heure} other {# heures}}. Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer ce message.',

  'error.badPassword': 'Le mot de passe est incorrect.',
  'privacy.title': 'Vos données',
  'privacy.export': 'Télécharger toutes mes données (JSON)',
  'privacy.delete': 'Supprimer mon compte',
  'privacy.deleteExplain':
    'Cette opération supprime immédiatement votre compte, vos inscriptions et vos demandes de visa ; les places en présentiel que vous occupez sont attribuées aux personnes inscrites sur la liste d’attente. Elle est irréversible.',
  'privacy.deleteConfirm': 'Supprimer votre compte et toutes vos données ? Cette opération est irréversible.',
  'privacy.passwordToDelete': 'Votre mot de passe, pour confirmer',
  // issue 10: accounts
  'error.tooManyRequests':
    'Trop de demandes depuis votre réseau. Veuillez patienter {minutes, plural, one {# minute} other {# minutes}} et réessayer.',
  'error.alreadyRegistered':
    'Un compte utilise déjà cette adresse électronique : connectez-vous, ou réinitialisez votre mot de passe si vous l’avez oublié.',
  'error.passwordMismatch': 'Les deux nouveaux mots de passe ne sont pas identiques.',
  'error.loginExpired': 'Cette connexion a expiré. Veuillez vous reconnecter.',
  'error.badCode':
    'Ce code est incorrect ou a déjà été utilisé. Saisissez le code affiché maintenant par votre application, ou un code de récupération non utilisé.',
  'error.noEnrolment': 'Aucune nouvelle application à confirmer : commencez d’abord la configuration.',
  'error.twoFactorRequired':
    'Les comptes du secrétariat conservent l’authentification à deux facteurs une fois activée. Vous pouvez en revanche la transférer vers une nouvelle application.',
  'error.noTwoFactor': 'L’authentification à deux facteurs n’est pas activée pour ce compte.',
  'notice.passwordChangedHere': 'Votre mot de passe a été modifié. Vous avez été déconnecté partout ailleurs.',
  'signup.sentTitle': 'Consultez votre messagerie',
  'signup.sent':
    'Nous avons envoyé un message à l’adresse indiquée. Ouvrez le lien qu’il contient pour confirmer votre adresse et créer votre compte ; ce lien est valable 48 heures. Si vous avez déjà un compte, le message vous indique comment vous connecter.',
  'signup.readyTitle': 'Votre compte est prêt',
  'signup.ready':
    'Merci : votre adresse électronique est confirmée et votre compte a été créé. Connectez-vous avec votre adresse et votre mot de passe.',
  'reset.doneTitle': 'Votre mot de passe a été modifié',
  'reset.done':
    'Vous avez été déconnecté partout et les anciens liens de réinitialisation ne fonctionnent plus. Connectez-vous avec votre nouveau mot de passe.',
  'password.title': 'Modifier votre mot de passe',
  'password.intro':
    'Vous restez connecté ici ; vos autres sessions, les liens de réinitialisation non utilisés et vos jetons d’API personnels prennent fin.',
  'password.current': 'Mot de passe actuel',
  'password.again': 'Nouveau mot de passe (confirmation)',
  'password.tokensRevoked':
    '{count, plural, one {Votre jeton d’API personnel a été révoqué : créez-en un nouveau sur la page de votre compte.} other {Vos # jetons d’API personnels ont été révoqués : créez-en de nouveaux sur la page de votre compte.}}',
  'twoFactor.title': 'Authentification à deux facteurs',
  'twoFactor.statusOn':
    'L’authentification à deux facteurs est activée : la connexion demande un code de votre application d’authentification.',
  'twoFactor.statusOff': 'L’authentification à deux facteurs est désactivée.',
  'twoFactor.secretariatAdvice': 'Les comptes du secrétariat devraient l’activer : ils ont accès aux données des passeports.',
  'twoFactor.manage': 'Gérer l’authentification à deux facteurs',
  'twoFactor.setUp': 'Configurer l’authentification à deux facteurs',
  'twoFactor.intro':
    'Avec l’authentification à deux facteurs, la connexion demande votre mot de passe et un code à 6 chiffres fourni par une application d’authentification sur votre téléphone (toute application de codes temporels). Des codes de récupération vous permettent d’entrer si vous perdez le téléphone.',
  'twoFactor.loginTitle': 'Saisissez votre code',
  'twoFactor.loginIntro':
    'Votre compte utilise l’authentification à deux facteurs. Saisissez le code à 6 chiffres que votre application affiche maintenant, ou l’un de vos codes de récupération.',
  'twoFactor.code': 'Code',
  'twoFactor.codeHint': '6 chiffres de votre application, ou un code de récupération tel que abcd-efgh-jkmn-pqrs.',
  'twoFactor.verify': 'Continuer',
  'twoFactor.startAgain': 'Se reconnecter',
  'twoFactor.codesTitle': 'Codes de récupération',
  'twoFactor.codesIntro':
    'Conservez ces codes en lieu sûr (imprimés ou dans un gestionnaire de mots de passe). Chacun permet de vous connecter une fois sans votre application. Ils ne seront plus affichés.',
  'twoFactor.onSince': 'L’authentification à deux facteurs est activée depuis le {date}. Codes de récupération restants : {count}.',
  'twoFactor.secretariatRule':
    'Pour les comptes du secrétariat, l’authentification à deux facteurs ne peut plus être désactivée une fois activée ; elle peut être transférée vers une nouvelle application.',
  'twoFactor.replaceTitle': 'Transférer vers une nouvelle application',
  'twoFactor.enrolTitle': 'Configurer votre application d’authentification',
  'twoFactor.scan': 'Dans votre application d’authentification, ajoutez un compte et scannez ce code QR.',
  'twoFactor.qrAlt': 'Code QR pour votre application d’authentification (la clé figure aussi ci-dessous)',
  'twoFactor.typeKey': 'Ou saisissez cette clé :',
  'twoFactor.keyDetails': 'Compte : {account}. Basé sur le temps, 6 chiffres, toutes les 30 secondes.',
  'twoFactor.confirmStep':
    'Saisissez ensuite le code affiché par l’application, avec votre mot de passe, pour confirmer. Vos autres sessions seront fermées.',
  'twoFactor.appCode': 'Code de l’application',
  'twoFactor.confirmReplace': 'Utiliser la nouvelle application',
  'twoFactor.turnOn': 'Activer',
  'twoFactor.replace': 'Transférer vers une nouvelle application',
  'twoFactor.newCodesIntro': 'Vous avez perdu vos codes ou en avez utilisé la plupart ? De nouveaux codes remplacent tous les précédents.',
  'twoFactor.newCodes': 'Créer de nouveaux codes de récupération',
  'twoFactor.disableTitle': 'Désactiver l’authentification à deux facteurs',
  'twoFactor.disable': 'Désactiver',
  'mail.signup.body':
    'Bonjour {name},\n\nPour confirmer votre adresse électronique et créer votre compte convene, ouvrez le lien suivant :\n{link}\n\nCe lien est valable {hours, plural, one {# heure} other {# heures}}. Si vous ne vous êtes pas inscrit, ignorez ce message : aucun compte ne sera créé.',
  'mail.signupExisting.subject': 'Quelqu’un a tenté de s’inscrire avec votre adresse',
  'mail.signupExisting.body':
    'Bonjour {name},\n\nQuelqu’un, probablement vous, a tenté de créer un compte convene avec cette adresse électronique. Vous avez déjà un compte : rien n’a donc été créé.\n\nSe connecter : {login}\nMot de passe oublié ? Réinitialisez-le : {reset}\n\nSi ce n’était pas vous, vous pouvez ignorer ce message.',
  'mail.passwordChanged.subject': 'Votre mot de passe convene a été modifié',
  'mail.passwordChanged.body':
    'Bonjour {name},\n\nLe mot de passe de votre compte convene a été modifié le {at}. Toutes les autres sessions ont été fermées et les anciens liens de réinitialisation ne fonctionnent plus.\n\nSi vous n’êtes pas à l’origine de cette modification, réinitialisez votre mot de passe immédiatement : {reset}',
  'mail.passwordChanged.tokens':
    '{count, plural, one {Votre jeton d’API personnel a été révoqué : un script qui l’utilise en demande un nouveau, à créer sur la page de votre compte :} other {Vos # jetons d’API personnels ont été révoqués : les scripts qui les utilisent en demandent de nouveaux, à créer sur la page de votre compte :}}',
  'mail.twoFactor.on.subject': 'L’authentification à deux facteurs est activée',
  'mail.twoFactor.on.body':
    'Bonjour {name},\n\nL’authentification à deux facteurs a été activée pour votre compte convene : la connexion demande désormais un code de votre application d’authentification. Vos autres sessions ont été fermées.\n\n{link}\n\nSi vous n’êtes pas à l’origine de cette action, réinitialisez votre mot de passe immédiatement : {reset}',
  'mail.twoFactor.replaced.subject': 'Authentification à deux facteurs transférée vers une nouvelle application',
  'mail.twoFactor.replaced.body':
    'Bonjour {name},\n\nVotre compte convene accepte désormais les codes d’une nouvelle application d’authentification ; les codes de l’ancienne application et vos anciens codes de récupération ne fonctionnent plus. Vos autres sessions ont été fermées.\n\n{link}\n\nSi vous n’êtes pas à l’origine de cette action, réinitialisez votre mot de passe immédiatement : {reset}',
  'mail.twoFactor.off.subject': 'L’authentification à deux facteurs est désactivée',
  'mail.twoFactor.off.body':
    'Bonjour {name},\n\nL’authentification à deux facteurs a été désactivée pour votre compte convene : la connexion ne demande plus que votre mot de passe.\n\n{link}\n\nSi vous n’êtes pas à l’origine de cette action, réinitialisez votre mot de passe immédiatement : {reset}',
  'mail.twoFactor.recoveryUsed.subject': 'Un code de récupération a servi à vous connecter',
  'mail.twoFactor.recoveryUsed.body':
    'Bonjour {name},\n\nUn code de récupération vient d’être utilisé pour vous connecter à votre compte convene. Codes de récupération restants : {count}. Vous pouvez en créer de nouveaux ici :\n{link}\n\nSi ce n’était pas vous, réinitialisez votre mot de passe immédiatement : {reset}',
  'nav.account': 'Mon compte',
  'home.title': 'Accueil',
  'home.welcome': 'Bienvenue, {name}',
  'home.intro':
    'Les réunions des groupes de normalisation, de l’invitation au rapport : inscription en présentiel ou à distance, appui pour les visas, contributions, ordres du jour et circulaires, en six langues.',
  'home.figures': 'En attente',
  'privacyNotice.title': 'Notice relative à la protection des données',
  'privacyNotice.read': 'Lire la notice relative à la protection des données',
  'privacyNotice.intro':
    'convene conserve ce dont le secrétariat a besoin pour organiser les réunions. Cette notice indique ce qui est conservé à votre sujet, qui y a accès, pendant combien de temps, et comment le faire supprimer.',
  'privacyNotice.what': 'Ce qui est conservé',
  'privacyNotice.who': 'Qui y a accès',
  'privacyNotice.howLong': 'Pendant combien de temps',
  'privacyNotice.account.heading': 'Votre compte',
  'privacyNotice.account.what':
    'Votre adresse électronique, votre titre, vos nom et prénom, votre organisation, votre pays et votre catégorie de membre ; votre mot de passe, sous forme d’empreinte irréversible uniquement ; le secret de votre authentification à deux facteurs, si vous l’activez, chiffré ; vos jetons d’API et vos sessions.',
  'privacyNotice.account.who':
    'Vous-même, sur la page de votre compte, et le secrétariat. Les autres ne voient vos nom et organisation que là où une page les affiche, par exemple une liste des participants.',
  'privacyNotice.account.howLong':
    'Jusqu’à la suppression de votre compte. Une inscription jamais confirmée est supprimée à l’expiration de son lien, et la trace des tentatives de connexion au bout d’un jour.',
  'privacyNotice.rights.heading': 'Consulter et supprimer vos données',
  'privacyNotice.rights.export':
    'Sur la page de votre compte, vous pouvez télécharger en un seul fichier (JSON) tout ce que convene conserve à votre sujet.',
  'privacyNotice.rights.delete':
    'Vous pouvez aussi y supprimer votre compte, avec votre mot de passe : vos inscriptions, demandes d’appui pour la demande de visa et abonnements aux listes de diffusion, ainsi que les messages en attente d’envoi qui vous sont destinés, sont supprimés avec lui, et les places en présentiel que vous occupiez reviennent à la liste d’attente. Le journal des actions conserve ce qui a été fait, sans votre nom.',
  'privacyNotice.rights.noAccess':
    'Si vous ne pouvez plus vous connecter, réinitialisez votre mot de passe ; si ce n’est pas possible, demandez au secrétariat de votre réunion de supprimer votre compte.',
};
