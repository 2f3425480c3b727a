import type { en } from './en.ts';

export const ar: Record<keyof typeof en, string> = {
  'console.title': 'لوحة تحكم الأمانة',
  'console.mail': 'البريد الصادر',
  'console.mail.kept': 'لم يُهيَّأ أي خادم SMTP (SMTP_URL): لذا تُحفظ الرسائل هنا.',
  'console.mail.smtp': 'تُسلَّم الرسائل عبر خادم SMTP المُهيَّأ.',
  'console.mail.open': 'فتح صندوق الصادر ({count, number})',
  'console.mail.none': 'لا توجد رسائل بعد.',
  'console.mail.status.queued': 'قيد الانتظار',
  'console.mail.status.sent': 'أُرسلت',
  'console.mail.status.failed': 'فشل الإرسال',
  'console.visas': 'طلبات دعم التأشيرة',
  'console.meetings': 'الاجتماعات',
  'console.meeting': 'الاجتماع',
  'console.meeting.dates': 'التواريخ',
  'console.meeting.registrations': 'التسجيلات',
  'console.meeting.documents': 'الوثائق',
  'console.meeting.visasWaiting': 'طلبات التأشيرة المنتظرة',
  'console.bureaus': 'المكاتب وأرقام الرسائل المعممة',
  'nav.console': 'لوحة تحكم الأمانة',
};
