import type { en } from './en.ts';

export const zh: Record<keyof typeof en, string> = {
  'console.title': '秘书处控制台',
  'console.mail': '待发邮件',
  'console.mail.kept': '未配置 SMTP 服务器（SMTP_URL）：邮件保存在此处。',
  'console.mail.smtp': '邮件通过已配置的 SMTP 服务器发送。',
  'console.mail.open': '打开发件箱（{count, number}）',
  'console.mail.none': '尚无邮件。',
  'console.mail.status.queued': '排队中',
  'console.mail.status.sent': '已发送',
  'console.mail.status.failed': '失败',
  'console.visas': '签证协办申请',
  'console.meetings': '会议',
  'console.meeting': '会议',
  'console.meeting.dates': '日期',
  'console.meeting.registrations': '注册',
  'console.meeting.documents': '文件',
  'console.meeting.visasWaiting': '待处理的签证申请',
  'console.bureaus': '发文机构和通函编号',
  'nav.console': '秘书处控制台',
};
