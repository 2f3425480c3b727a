import type { en } from './en.ts';

export const ru: Record<keyof typeof en, string> = {
  'console.title': 'Консоль секретариата',
  'console.mail': 'Исходящая почта',
  'console.mail.kept': 'SMTP-сервер не настроен (SMTP_URL): сообщения хранятся здесь.',
  'console.mail.smtp': 'Сообщения доставляются через настроенный SMTP-сервер.',
  'console.mail.open': 'Открыть исходящие ({count, number})',
  'console.mail.none': 'Сообщений пока нет.',
  'console.mail.status.queued': 'в очереди',
  'console.mail.status.sent': 'отправлено',
  'console.mail.status.failed': 'ошибка',
  'console.visas': 'Запросы о содействии в получении визы',
  'console.meetings': 'Собрания',
  'console.meeting': 'Собрание',
  'console.meeting.dates': 'Даты',
  'console.meeting.registrations': 'Регистрации',
  'console.meeting.documents': 'Документы',
  'console.meeting.visasWaiting': 'Визовые запросы в ожидании',
  'console.bureaus': 'Бюро и номера циркуляров',
  'nav.console': 'Консоль секретариата',
};
