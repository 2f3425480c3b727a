/** The ITU-T Focus Group on Metaverse, as TSB Circular 90 (6 April 2023) describes it. */
export const fgmv = {
  code: 'FG-MV',
  name: {
    en: 'ITU-T Focus Group on Metaverse',
    zh: 'ITU-T元宇宙焦点组',
    ar: 'الفريق المتخصص لقطاع تقييس الاتصالات المعني بالميتافيرس',
    fr: 'Groupe spécialisé de l’UIT-T sur le métavers',
    ru: 'Оперативная группа МСЭ-Т по метавселенной',
    es: 'Grupo Temático del UIT-T sobre el metaverso',
  },
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
    ar:
      'يحلل الفريق المتخصص لقطاع تقييس الاتصالات المعني بالميتافيرس المتطلبات التقنية للميتافيرس، بهدف تحديد التكنولوجيات ' +
      'التمكينية الأساسية، بدءاً من تحسين الوسائط المتعددة والشبكات ووصولاً إلى العملات الرقمية وإنترنت الأشياء والتوائم الرقمية ' +
      'والاستدامة البيئية.\n\n' +
      'والمشاركة مجانية ومفتوحة أمام الخبراء بصفتهم الفردية والمنظمات من جميع الصناعات والتخصصات ذات الصلة. ويمكن لكل من ' +
      'يهمه الأمر الاشتراك في القائمة البريدية للفريق.',
    fr:
      'Le Groupe spécialisé de l’UIT-T sur le métavers analyse les exigences techniques du métavers, afin d’identifier les ' +
      'technologies habilitantes fondamentales, de l’optimisation des contenus multimédias et des réseaux aux monnaies ' +
      'numériques, en passant par l’Internet des objets, les jumeaux numériques et la durabilité environnementale.\n\n' +
      'La participation est gratuite et ouverte aux experts à titre individuel et aux organisations de tous les secteurs ' +
      'd’activité et de toutes les disciplines concernées. Toute personne intéressée peut s’abonner à la liste de diffusion du groupe.',
    ru:
      'Оперативная группа МСЭ-Т по метавселенной анализирует технические требования к метавселенной с целью определения ' +
      'основополагающих базовых технологий – от оптимизации мультимедиа и сетей до цифровых валют, интернета вещей, ' +
      'цифровых двойников и экологической устойчивости.\n\n' +
      'Участие является бесплатным и открытым для отдельных экспертов и организаций из всех отраслей и соответствующих ' +
      'областей знаний. Все заинтересованные лица могут подписаться на список рассылки группы.',
    es:
      'El Grupo Temático del UIT-T sobre el metaverso analiza los requisitos técnicos del metaverso, con el fin de identificar ' +
      'las tecnologías habilitadoras fundamentales, desde la optimización multimedia y de redes hasta las monedas digitales, ' +
      'la Internet de las cosas, los gemelos digitales y la sostenibilidad medioambiental.\n\n' +
      'La participación es gratuita y está abierta a expertos a título individual y a organizaciones de todos los sectores y ' +
      'disciplinas pertinentes. Toda persona interesada puede suscribirse a la lista de correo del Grupo.',
  },
  parentBody: 'TSAG',
  // Created by TSAG at its meeting in Geneva, 12–16 December 2022.
  establishedOn: '2022-12-16',
  establishedBy: {
    en: 'ITU-T’s Telecommunication Standardization Advisory Group (TSAG) at its meeting in Geneva, 12–16 December 2022',
    zh: 'ITU-T电信标准化顾问组（TSAG）于2022年12月12日至16日在日内瓦召开的会议上',
    ar: 'الفريق الاستشاري لتقييس الاتصالات (TSAG) في اجتماعه المعقود في جنيف في الفترة من 12 إلى 16 ديسمبر 2022',
    fr: 'le Groupe consultatif de la normalisation des télécommunications (GCNT) de l’UIT-T, à sa réunion tenue à Genève du 12 au 16 décembre 2022',
    ru: 'Консультативной группой по стандартизации электросвязи (КГСЭ) МСЭ-Т на ее собрании, состоявшемся в Женеве 12–16 декабря 2022 года',
    es: 'el Grupo Asesor de Normalización de las Telecomunicaciones (GANT) del UIT-T, en su reunión celebrada en Ginebra del 12 al 16 de diciembre de 2022',
  },
  documentPrefix: 'FGMV',
  contactEmail: 'tsbfgmv@itu.int',
  contactTel: '+41 22 730 6301',
  contactFax: '+41 22 730 5853',
  deadlineRules: { visaSupportDays: 25, registrationDays: 18, contributionsDays: 7 },
};

/** The bureau that issues FG-MV's circulars; TSB Circular 90 (6 April 2023) invited to the May 2023 meetings. */
export const tsb = {
  code: 'TSB',
  name: {
    en: 'Telecommunication Standardization Bureau',
    zh: '电信标准化局',
    ar: 'مكتب تقييس الاتصالات',
    fr: 'Bureau de la normalisation des télécommunications',
    ru: 'Бюро стандартизации электросвязи',
    es: 'Oficina de Normalización de las Telecomunicaciones',
  },
  abbreviation: {
    en: 'TSB',
    zh: '电信标准化局',
    ar: 'مكتب تقييس الاتصالات',
    fr: 'TSB',
    ru: 'БСЭ',
    es: 'TSB',
  },
  organization: {
    en: 'International Telecommunication Union',
    zh: '国际电信联盟',
    ar: 'الاتحاد الدولي للاتصالات',
    fr: 'Union internationale des télécommunications',
    ru: 'Международный союз электросвязи',
    es: 'Unión Internacional de Telecomunicaciones',
  },
  city: {
    en: 'Geneva',
    zh: '日内瓦',
    ar: 'جنيف',
    fr: 'Genève',
    ru: 'Женева',
    es: 'Ginebra',
  },
  premises: {
    en: 'ITU headquarters',
    zh: '国际电联总部',
    ar: 'مقر الاتحاد',
    fr: 'siège de l’UIT',
    ru: 'штаб-квартира МСЭ',
    es: 'Sede de la UIT',
  },
};

export const circular90 = {
  number: 90,
  initials: 'FG-MV/CB',
  issuedOn: '2023-04-06',
  addressees: ['member-states', 'sector-members', 'associates', 'academia'],
  copyTo: ['sg-chairs', 'bdt-director', 'br-director'],
} as const;

export const fgmvSubgroups = [
  {
    kind: 'TG',
    number: null,
    title: {
      en: 'Collaboration',
      zh: '协作',
      ar: 'التعاون',
      fr: 'Collaboration',
      ru: 'Сотрудничество',
      es: 'Colaboración',
    },
  },
  {
    kind: 'WG',
    number: 1,
    title: {
      en: 'General',
      zh: '综合',
      ar: 'المسائل العامة',
      fr: 'Questions générales',
      ru: 'Общие вопросы',
      es: 'Cuestiones generales',
    },
  },
  {
    kind: 'WG',
    number: 2,
    title: {
      en: 'Applications and services',
      zh: '应用与服务',
      ar: 'التطبيقات والخدمات',
      fr: 'Applications et services',
      ru: 'Приложения и услуги',
      es: 'Aplicaciones y servicios',
    },
  },
  {
    kind: 'WG',
    number: 3,
    title: {
      en: 'Architecture and infrastructure',
      zh: '架构与基础设施',
      ar: 'البنية المعمارية والبنية التحتية',
      fr: 'Architecture et infrastructure',
      ru: 'Архитектура и инфраструктура',
      es: 'Arquitectura e infraestructura',
    },
  },
  {
    kind: 'WG',
    number: 4,
    title: {
      en: 'Virtual/real world integration',
      zh: '虚拟/现实世界融合',
      ar: 'تكامل العالمين الافتراضي والواقعي',
      fr: 'Intégration des mondes virtuel et réel',
      ru: 'Интеграция виртуального и реального миров',
      es: 'Integración del mundo virtual y el mundo real',
    },
  },
  {
    kind: 'WG',
    number: 5,
    title: {
      en: 'Interoperability',
      zh: '互操作性',
      ar: 'قابلية التشغيل البيني',
      fr: 'Interopérabilité',
      ru: 'Функциональная совместимость',
      es: 'Interoperabilidad',
    },
  },
  {
    kind: 'WG',
    number: 6,
    title: {
      en: 'Security, data and personally identifiable information (PII) protection',
      zh: '安全、数据和个人可识别信息（PII）保护',
      ar: 'الأمن وحماية البيانات والمعلومات المحدِّدة للهوية الشخصية (PII)',
      fr: 'Sécurité, protection des données et des informations d’identification personnelle (PII)',
      ru: 'Безопасность, защита данных и информации, позволяющей установить личность (PII)',
      es: 'Seguridad, protección de datos y de la información de identificación personal (PII)',
    },
  },
  {
    kind: 'WG',
    number: 7,
    title: {
      en: 'Economic, regulatory and competition aspects',
      zh: '经济、监管和竞争问题',
      ar: 'الجوانب الاقتصادية والتنظيمية وجوانب المنافسة',
      fr: 'Aspects économiques, réglementaires et liés à la concurrence',
      ru: 'Экономические и регуляторные аспекты и аспекты конкуренции',
      es: 'Aspectos económicos, reglamentarios y de competencia',
    },
  },
  {
    kind: 'WG',
    number: 8,
    title: {
      en: 'Sustainability, accessibility and inclusion',
      zh: '可持续性、无障碍获取和包容性',
      ar: 'الاستدامة وإمكانية النفاذ والشمول',
      fr: 'Durabilité, accessibilité et inclusion',
      ru: 'Устойчивость, доступность и инклюзивность',
      es: 'Sostenibilidad, accesibilidad e inclusión',
    },
  },
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

/** Rooms of the demo's sessions, named in the six languages. */
export const demoRooms = {
  c2: {
    en: 'Room C2, ITU Tower',
    fr: 'Salle C2, tour de l’UIT',
    es: 'Sala C2, torre de la UIT',
    ru: 'Зал C2, башня МСЭ',
    zh: '国际电联大楼C2会议室',
    ar: 'القاعة C2، برج الاتحاد',
  },
  k: {
    en: 'Room K, Montbrillant building',
    fr: 'Salle K, bâtiment Montbrillant',
    es: 'Sala K, edificio Montbrillant',
    ru: 'Зал K, здание Монбрийан',
    zh: 'Montbrillant大楼K会议室',
    ar: 'القاعة K، مبنى مونبريان',
  },
};

export const fgmvMay2023 = {
  title: {
    en: 'Meetings of FG-MV Working Group 5 and Working Group 6',
    zh: 'ITU-T元宇宙焦点组（FG-MV）第5工作组和第6工作组会议',
    ar: 'اجتماعا فريق العمل 5 وفريق العمل 6 للفريق المتخصص FG-MV',
    fr: 'Réunions du Groupe de travail 5 et du Groupe de travail 6 du FG-MV',
    ru: 'Собрания Рабочей группы 5 и Рабочей группы 6 FG-MV',
    es: 'Reuniones del Grupo de Trabajo 5 y del Grupo de Trabajo 6 del FG-MV',
  },
  venue: { names: tsb.premises, cities: tsb.city, country: 'CH', timeZone: 'Europe/Zurich' },
  mode: 'hybrid',
  languages: ['en'],
  sessions: [
    { subgroup: 'WG5', startDate: '2023-05-09', endDate: '2023-05-10', startTime: '09:30', endTime: '12:30', rooms: demoRooms.c2 },
    { subgroup: 'WG6', startDate: '2023-05-09', endDate: '2023-05-09', startTime: '14:30', endTime: '17:30', rooms: demoRooms.k },
  ],
  deadlines: { visaSupport: '2023-04-14', registration: '2023-04-21', contributions: '2023-05-02' },
  practicalInfo: {
    en:
      'Draft agendas, meeting documents and other practical information are posted on the FG-MV homepage before ' +
      'the meeting. Discussions are held in English only. Remote participation details are published on the ' +
      'group’s web page.\n\nThe meetings aim to advance the work within the working groups’ terms of reference.',
    zh: '工作组议程草案、会议文件和其他实用信息将在会前在FG-MV主页上公布。讨论将仅以英语进行。有关远程参会的信息将在焦点组的网页上公布。\n\n工作组会议旨在推进其职责范围内的工作。',
    ar:
      'تُنشر مشاريع جداول الأعمال ووثائق الاجتماع وغيرها من المعلومات العملية في الصفحة الرئيسية للفريق FG-MV قبل الاجتماع. ' +
      'ولا تجري المناقشات إلا باللغة الإنجليزية. وتُنشر تفاصيل المشاركة عن بُعد في الصفحة الإلكترونية للفريق.\n\n' +
      'وتهدف الاجتماعات إلى المضي قدماً في العمل في إطار اختصاصات أفرقة العمل.',
    fr:
      'Les projets d’ordre du jour, les documents de réunion et d’autres informations pratiques sont publiés sur la page ' +
      'd’accueil du FG-MV avant la réunion. Les débats se déroulent uniquement en anglais. Les modalités de participation ' +
      'à distance sont publiées sur la page web du groupe.\n\n' +
      'Les réunions ont pour objet de faire avancer les travaux relevant du mandat des groupes de travail.',
    ru:
      'Проекты повесток дня, документы собрания и другая практическая информация размещаются на домашней странице FG-MV ' +
      'до начала собрания. Обсуждения проводятся только на английском языке. Информация об удаленном участии ' +
      'публикуется на веб-странице группы.\n\n' +
      'Цель собраний – продвижение работы в рамках круга ведения рабочих групп.',
    es:
      'Los proyectos de orden del día, los documentos de la reunión y demás información práctica se publican en la página ' +
      'de inicio del FG-MV antes de la reunión. Los debates se celebran únicamente en inglés. Los detalles para la ' +
      'participación a distancia se publican en la página web del Grupo.\n\n' +
      'Las reuniones tienen por objeto avanzar en los trabajos comprendidos en el mandato de los Grupos de Trabajo.',
  },
} as const;

/** The draft agenda of a working-group session of the demo meeting. */
export const demoAgendaItems = [
  { title: 'Opening of the meeting', description: 'Welcome by the working group chair; approval of the agenda.' },
  { title: 'Review of input contributions', description: 'Contributions received by the deadline, taken in number order.' },
  { title: 'Progress of the deliverables', description: 'Status of the working group’s draft technical reports and specifications.' },
  { title: 'Future meetings', description: '' },
  { title: 'Any other business and closing', description: '' },
];

/** The demo's chair: the account of FG-MV's chair, linked to the officer, so the chair's tools can be tried. */
export const demoChair = {
  email: 'chair@fgmv.example',
  password: 'convene-demo-2026',
  title: 'Mr',
  givenName: 'Shin-Gak',
  familyName: 'Kang',
  organization: 'ETRI',
  country: 'KR',
  category: 'sector-member',
} as const;

/** A delegate of a Member State with no registration yet: the delegate's journey from the start. */
export const demoDelegate = {
  email: 'delegate@fgmv.example',
  password: 'convene-demo-2026',
  title: 'Ms',
  givenName: 'Li',
  familyName: 'Wei',
  organization: 'China Mobile',
  country: 'CN',
  category: 'member-state',
} as const;

/** A researcher of ETRI, whose registration for the approval demo meeting waits for ETRI's focal point (the chair). */
export const demoResearcher = {
  email: 'researcher@fgmv.example',
  password: 'convene-demo-2026',
  title: 'Dr',
  givenName: 'Ji-won',
  familyName: 'Park',
  organization: 'ETRI',
  country: 'KR',
  category: 'sector-member',
} as const;

/** Organizations whose people take part, with who belongs to each (the demo accounts), focal points first. */
export const demoOrganizations = [
  {
    name: { en: 'Electronics and Telecommunications Research Institute (ETRI)', zh: '韩国电子通信研究院（ETRI）' },
    country: 'KR',
    category: 'sector-member',
    members: [
      { email: demoChair.email, focalPoint: true },
      { email: demoResearcher.email, focalPoint: false },
    ],
  },
  {
    name: { en: 'China Mobile Communications Group', zh: '中国移动通信集团' },
    country: 'CN',
    category: 'sector-member',
    members: [{ email: demoDelegate.email, focalPoint: false }],
  },
  {
    name: {
      en: 'Ministry of Industry and Information Technology',
      zh: '工业和信息化部',
      fr: 'Ministère de l’Industrie et des Technologies de l’information',
    },
    country: 'CN',
    category: 'member-state',
    members: [],
  },
] as const;

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

/**
 * A liaison statement FG-MV received for action from ITU-T SG16, and the group's reply after its May 2023
 * meeting: the register shows them linked, the first one replied.
 */
export const demoLiaisons = {
  incoming: {
    direction: 'incoming',
    fromBody: 'ITU-T SG16',
    toBody: 'ITU-T FG-MV',
    title: 'LS on metaverse-related work items in ITU-T SG16 (multimedia)',
    purpose: 'action',
    replyDeadline: '2023-06-15',
    contactName: 'SG16 secretariat',
    contactEmail: 'tsbsg16@itu.int',
  },
  reply: {
    direction: 'outgoing',
    fromBody: 'ITU-T FG-MV',
    toBody: 'ITU-T SG16',
    title: 'Reply LS on metaverse-related work items in ITU-T SG16',
    purpose: 'information',
    contactName: 'Shin-Gak Kang',
    contactEmail: 'tsbfgmv@itu.int',
  },
} as const;
