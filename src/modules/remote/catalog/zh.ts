import type { en } from './en.ts';

export const zh: Record<keyof typeof en, string> = {
  'remote.title': '远程参会',
  'remote.neutral': '远程参会信息将发送给已注册的与会者。',
  'remote.notYet': '远程参会信息尚未公布。会前将在此处显示，并通过电子邮件发送给您。',
  'remote.inPersonOnly': '本会议仅限现场参加：除非会议形式更改，否则与会者不会看到或收到这些信息。',
  'remote.wholeMeeting': '整个会议',
  'remote.link': '参会链接',
  'remote.meetingCode': '会议号',
  'remote.passcode': '密码',
  'remote.dialIn': '电话接入',
  'remote.notes': '备注',
  'remote.keepPrivate': '这些信息仅供您本人使用，请勿分享或公开。',
  'remote.edit': '编辑远程参会信息',
  'remote.form.title': '远程参会信息',
  'remote.form.intro':
    '只有秘书处、本组主席和副主席以及远程参会的与会者（注册为远程参会，或在混合会议中注册为现场参会）可以看到这些信息；这些信息绝不会出现在公开页面、公开API或公开日历中。某一部分如无单独的信息，请留空。',
  'remote.form.linkHint': '以 https:// 开头的地址',
  'remote.form.daysBefore': '在会议首日前几天通过电子邮件发送这些信息',
  'remote.form.daysBeforeHint': '0至30天。之后注册的与会者将在几分钟内收到。',
  'remote.mail.subject': '如何远程参加{meeting}',
  'remote.mail.body':
    '{name}，您好：\n\n以下是远程参加{meeting}（{dates}）的方式。\n\n{details}\n\n这些信息仅供您本人使用，请勿分享。会议页面：{link}',
  'error.httpsUrl': '请输入以 https:// 开头的地址。',
  'remote.mail.subjectUpdated': '更新：远程参加{meeting}的方式',
};
