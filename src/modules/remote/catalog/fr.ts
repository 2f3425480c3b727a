import type { en } from './en.ts';

export const fr: Record<keyof typeof en, string> = {
  'remote.title': 'Participation à distance',
  'remote.neutral': 'Les informations relatives à la participation à distance sont envoyées aux participants inscrits.',
  'remote.notYet':
    'Les informations relatives à la participation à distance ne sont pas encore disponibles. Elles figureront ici et vous seront envoyées par courriel avant la réunion.',
  'remote.inPersonOnly':
    'Cette réunion se tient exclusivement en présentiel : aucun participant ne voit ni ne reçoit ces informations, à moins que le mode de participation ne change.',
  'remote.wholeMeeting': 'Ensemble de la réunion',
  'remote.link': 'Lien de connexion',
  'remote.meetingCode': 'Identifiant de la réunion',
  'remote.passcode': 'Code d’accès',
  'remote.dialIn': 'Accès par téléphone',
  'remote.notes': 'Remarques',
  'remote.keepPrivate': 'Ces informations vous sont strictement réservées : veuillez ne pas les communiquer ni les publier.',
  'remote.edit': 'Modifier la participation à distance',
  'remote.form.title': 'Informations relatives à la participation à distance',
  'remote.form.intro':
    'Seuls le secrétariat, l’équipe de direction du groupe et les participants à distance (inscrits à distance, ou en présentiel à une réunion hybride) voient ces informations ; elles n’apparaissent jamais sur une page publique, dans l’API publique ni dans un calendrier public. Laissez vide un bloc qui ne comporte pas d’informations propres.',
  'remote.form.linkHint': 'Adresse commençant par https://',
  'remote.form.daysBefore': 'Envoyer les informations par courriel ce nombre de jours avant le premier jour',
  'remote.form.daysBeforeHint': 'De 0 à 30. Les participants qui s’inscrivent plus tard les reçoivent dans les minutes qui suivent.',
  'remote.mail.subject': 'Participer à distance à la réunion {meeting}',
  'remote.mail.body':
    'Bonjour {name},\n\nVoici comment participer à distance à la réunion {meeting} ({dates}).\n\n{details}\n\nCes informations vous sont strictement réservées : veuillez ne pas les communiquer. Page de la réunion : {link}',
  'error.httpsUrl': 'Saisissez une adresse commençant par https://',
  'remote.mail.subjectUpdated': 'Mise à jour : comment participer à distance à {meeting}',
};
