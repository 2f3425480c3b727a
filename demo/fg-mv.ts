/** The ITU-T Focus Group on Metaverse, as TSB Circular 90 (6 April 2023) describes it. */
export const fgmv = {
  code: 'FG-MV',
  name: { en: 'ITU-T Focus Group on Metaverse', zh: 'ITU-T元宇宙焦点组' },
  mandate: {
    en:
      'The ITU-T Focus Group on Metaverse analyses the technical requirements of the metaverse, to identify the ' +
      'fundamental enabling technologies, from multimedia and network optimization to digital currencies, the ' +
      'Internet of Things, digital twins and environmental sustainability.\n\n' +
      'Participation is free of charge and open to individual experts and organizations from all industries and ' +
      'relevant disciplines. Anyone interested may subscribe to the group’s mailing list.',
    zh:
      'ITU-T元宇宙焦点组将分析元宇宙的技术要求，以确定可为从多媒体和网络优化到数字货币、物联网、数字孪生和环境可持续性提供支撑的基本技术。\n\n' +
      'FG-MV的活动可免费参与，并向来自所有行业和相关学科的个人专家和组织开放。请任何有兴趣关注或参与这项工作的人订阅专门的电子邮件通讯录。',
  },
  parentBody: 'TSAG',
  // Created by TSAG at its meeting in Geneva, 12–16 December 2022.
  establishedOn: '2022-12-16',
  documentPrefix: 'FGMV',
  contactEmail: 'tsbfgmv@itu.int',
  contactTel: '+41 22 730 6301',
  contactFax: '+41 22 730 5853',
  deadlineRules: { visaSupportDays: 25, registrationDays: 18, contributionsDays: 7 },
};

export const fgmvSubgroups = [
  { kind: 'TG', number: null, title: { en: 'Collaboration', zh: '协作' } },
  { kind: 'WG', number: 1, title: { en: 'General', zh: '综合' } },
  { kind: 'WG', number: 2, title: { en: 'Applications and services', zh: '应用与服务' } },
  { kind: 'WG', number: 3, title: { en: 'Architecture and infrastructure', zh: '架构与基础设施' } },
  { kind: 'WG', number: 4, title: { en: 'Virtual/real world integration', zh: '虚拟/现实世界融合' } },
  { kind: 'WG', number: 5, title: { en: 'Interoperability', zh: '互操作性' } },
  {
    kind: 'WG',
    number: 6,
    title: { en: 'Security, data and personally identifiable information (PII) protection', zh: '安全、数据和个人可识别信息（PII）保护' },
  },
  { kind: 'WG', number: 7, title: { en: 'Economic, regulatory and competition aspects', zh: '经济、监管和竞争问题' } },
  { kind: 'WG', number: 8, title: { en: 'Sustainability, accessibility and inclusion', zh: '可持续性、无障碍获取和包容性' } },
] as const;

export const fgmvOfficers = [
  { role: 'chair', title: 'Mr', name: 'Shin-Gak Kang', affiliation: 'ETRI', country: 'KR' },
  { role: 'vice-chair', title: 'Mr', name: 'Vincent Affleck', affiliation: '', country: 'GB' },
  { role: 'vice-chair', title: 'Mr', name: 'Leonidas Anthopoulos', affiliation: 'University of Thessaly', country: 'GR' },
  { role: 'vice-chair', title: 'Mr', name: 'Manuel Barreiro', affiliation: 'Aston Group', country: 'MX' },
  { role: 'vice-chair', title: 'Ms', name: 'Natalia Bayona', affiliation: 'UNWTO', country: '' },
  { role: 'vice-chair', title: 'Mr', name: 'Per Fröjdh', affiliation: 'Ericsson', country: 'SE' },
  { role: 'vice-chair', title: 'Ms', name: 'Shane He', affiliation: 'Nokia', country: 'FI' },
  { role: 'vice-chair', title: 'Mr', name: 'Hideo Imanaka', affiliation: 'NICT', country: 'JP' },
  { role: 'vice-chair', title: 'Ms', name: 'Stella Kipsaita', affiliation: 'Communications Authority of Kenya', country: 'KE' },
  { role: 'vice-chair', title: 'Ms', name: 'Cristina Martinez', affiliation: 'European Commission', country: '' },
  { role: 'vice-chair', title: 'Mr', name: 'Andrey Perez', affiliation: '', country: 'BR' },
  { role: 'vice-chair', title: 'Mr', name: 'Wang Yuntao', affiliation: '', country: 'CN' },
] as const;

export const fgmvMay2023 = {
  title: {
    en: 'Meetings of FG-MV Working Group 5 and Working Group 6',
    zh: 'ITU-T元宇宙焦点组（FG-MV）第5工作组和第6工作组会议',
  },
  venue: { name: 'ITU headquarters', city: 'Geneva', country: 'CH', timeZone: 'Europe/Zurich' },
  mode: 'hybrid',
  languages: ['en'],
  sessions: [
    { subgroup: 'WG5', startDate: '2023-05-09', endDate: '2023-05-10' },
    { subgroup: 'WG6', startDate: '2023-05-09', endDate: '2023-05-09' },
  ],
  deadlines: { visaSupport: '2023-04-14', registration: '2023-04-21', contributions: '2023-05-02' },
  practicalInfo: {
    en:
      'Draft agendas, meeting documents and other practical information are posted on the FG-MV homepage before ' +
      'the meeting. Discussions are held in English only. Remote participation details are published on the ' +
      'group’s web page.\n\nThe meetings aim to advance the work within the working groups’ terms of reference.',
    zh:
      '工作组议程草案、会议文件和其他实用信息将在会前在FG-MV主页上公布。讨论将仅以英语进行。有关远程参会的信息将在焦点组的网页上公布。\n\n工作组会议旨在推进其职责范围内的工作。',
  },
} as const;

export const demoSecretariat = {
  email: 'secretariat@fgmv.example',
  password: 'convene-demo-2026',
  givenName: 'Demo',
  familyName: 'Secretariat',
  organization: 'TSB',
  country: 'CH',
  category: 'non-member',
  role: 'secretariat',
} as const;
