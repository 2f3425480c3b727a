import type { en } from './en.ts';

export const es: Record<keyof typeof en, string> = {
  'console.title': 'Consola de la secretaría',
  'console.mail': 'Correo saliente',
  'console.mail.kept': 'No se ha configurado ningún servidor SMTP (SMTP_URL): los mensajes se conservan aquí.',
  'console.mail.smtp': 'Los mensajes se entregan a través del servidor SMTP configurado.',
  'console.mail.open': 'Abrir la bandeja de salida ({count, number})',
  'console.mail.none': 'Todavía no hay ningún mensaje.',
  'console.mail.status.queued': 'en cola',
  'console.mail.status.sent': 'enviado',
  'console.mail.status.failed': 'fallido',
  'console.visas': 'Solicitudes de apoyo para visado',
  'console.meetings': 'Reuniones',
  'console.meeting': 'Reunión',
  'console.meeting.dates': 'Fechas',
  'console.meeting.registrations': 'Inscripciones',
  'console.meeting.documents': 'Documentos',
  'console.meeting.visasWaiting': 'Solicitudes de visado pendientes',
  'console.bureaus': 'Oficinas y números de circular',
  'nav.console': 'Consola de la secretaría',
};
