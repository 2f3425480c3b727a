import type { en } from './en.ts';

export const fr: Record<keyof typeof en, string> = {
  'console.title': 'Console du secrétariat',
  'console.mail': 'Courriels sortants',
  'console.mail.kept': 'Aucun serveur SMTP n’est configuré (SMTP_URL) : les courriels sont conservés ici.',
  'console.mail.smtp': 'Les courriels sont envoyés par le serveur SMTP configuré.',
  'console.mail.open': 'Ouvrir la boîte d’envoi ({count, number})',
  'console.mail.none': 'Aucun courriel pour l’instant.',
  'console.mail.status.queued': 'en attente',
  'console.mail.status.sent': 'envoyé',
  'console.mail.status.failed': 'échec',
  'console.visas': 'Demandes d’appui pour l’obtention du visa',
  'console.meetings': 'Réunions',
  'console.meeting': 'Réunion',
  'console.meeting.dates': 'Dates',
  'console.meeting.registrations': 'Inscriptions',
  'console.meeting.documents': 'Documents',
  'console.meeting.visasWaiting': 'Demandes de visa en attente',
  'console.bureaus': 'Bureaux et numéros de circulaire',
  'nav.console': 'Console du secrétariat',
};
