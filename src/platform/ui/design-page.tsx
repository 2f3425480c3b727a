import type { FastifyInstance } from 'fastify';
import { anyone } from '../http/access.ts';
import { type ViewContext, viewContext } from '../http/request-context.ts';
import {
  Alert,
  Badge,
  Breadcrumb,
  ButtonLink,
  Card,
  DataTable,
  EmptyState,
  FilterBar,
  Icon,
  type IconName,
  PageHeader,
  Stat,
  Steps,
  Tabs,
} from './components.tsx';
import { Layout } from './layout.tsx';
import { Localized } from './localized.tsx';
import { sendPage } from './render.ts';
import { SortableHeader } from './table.tsx';
import { DateText } from './units.tsx';

/**
 * What the components say on the design page: fixed samples in a left-to-right and a right-to-left language,
 * shown side by side (marked with their language), so a change to the CSS is seen mirrored at once.
 */
const samples = {
  en: {
    group: 'FG-MV',
    meeting: 'Second meeting, Geneva',
    title: 'Registrations',
    lead: '42 people registered, 3 on the waiting list.',
    primary: 'Register someone',
    secondary: 'Download as Excel',
    danger: 'Withdraw',
    registered: 'Registered',
    waiting: 'On the waiting list',
    cancelled: 'Cancelled',
    requested: 'Visa requested',
    letter: 'Letter sent',
    saved: 'Registration R12-0042 is confirmed.',
    savedNext: 'A confirmation mail with the calendar file was sent. Next: the visa-support deadline, 10 April.',
    watch: 'The contribution deadline is in 2 days.',
    failed: 'The letter could not be produced.',
    know: 'Remote participation details are sent 3 days before the meeting.',
    empty: 'No documents yet',
    emptyHint: 'Contributions submitted for this meeting will be listed here.',
    submit: 'Submit a contribution',
    tabs: ['Overview', 'Registration', 'Documents', 'Agendas', 'Participants'],
    columns: ['Number', 'Name', 'Country', 'Status'],
    rows: [
      ['R12-0041', 'Amina Diallo', 'Senegal'],
      ['R12-0042', 'Chen Wei', 'China'],
    ],
    search: 'Name, e-mail or number',
    filter: 'Filter',
    stats: ['Registrations', 'Visa requests waiting', 'Documents'],
    breadcrumb: 'Breadcrumb',
    meetingNav: 'The meeting’s pages',
    steps: ['Account', 'Registration', 'Visa support', 'Confirmation'],
    stepsLabel: 'Registration steps',
    localized: 'Data in another language',
    localizedHint: 'Titles fall back to English, then any language, marked with it; names and numbers are isolated.',
  },
  ar: {
    group: 'FG-MV',
    meeting: 'الاجتماع الثاني، جنيف',
    title: 'التسجيلات',
    lead: '42 شخصاً مسجلاً، و3 على قائمة الانتظار.',
    primary: 'تسجيل شخص',
    secondary: 'تنزيل بصيغة Excel',
    danger: 'سحب',
    registered: 'مسجَّل',
    waiting: 'على قائمة الانتظار',
    cancelled: 'ملغى',
    requested: 'طُلبت التأشيرة',
    letter: 'أُرسلت الرسالة',
    saved: 'تأكّد التسجيل R12-0042.',
    savedNext: 'أُرسلت رسالة تأكيد مع ملف التقويم. التالي: الموعد النهائي لدعم التأشيرة، 10 أبريل.',
    watch: 'الموعد النهائي للمساهمات بعد يومين.',
    failed: 'تعذّر إعداد الرسالة.',
    know: 'تُرسل تفاصيل المشاركة عن بُعد قبل الاجتماع بثلاثة أيام.',
    empty: 'لا وثائق بعد',
    emptyHint: 'ستُدرج هنا المساهمات المقدَّمة لهذا الاجتماع.',
    submit: 'تقديم مساهمة',
    tabs: ['نظرة عامة', 'التسجيل', 'الوثائق', 'جداول الأعمال', 'المشاركون'],
    columns: ['الرقم', 'الاسم', 'البلد', 'الحالة'],
    rows: [
      ['R12-0041', 'أمينة ديالو', 'السنغال'],
      ['R12-0042', 'Chen Wei', 'الصين'],
    ],
    search: 'الاسم أو البريد الإلكتروني أو الرقم',
    filter: 'تصفية',
    stats: ['التسجيلات', 'طلبات تأشيرة تنتظر', 'الوثائق'],
    breadcrumb: 'مسار التنقل',
    meetingNav: 'صفحات الاجتماع',
    steps: ['الحساب', 'التسجيل', 'دعم التأشيرة', 'التأكيد'],
    stepsLabel: 'خطوات التسجيل',
    localized: 'بيانات بلغة أخرى',
    localizedHint: 'تُعرض العناوين بالإنكليزية أو بأي لغة متاحة عند غياب الترجمة، موسومة بلغتها؛ وتُعزل الأسماء والأرقام.',
  },
} as const;

type Sample = (typeof samples)[keyof typeof samples];

const colors = [
  'text',
  'muted',
  'surface',
  'surface-sunken',
  'border',
  'border-strong',
  'primary',
  'primary-strong',
  'primary-soft',
  'success',
  'success-soft',
  'warning',
  'warning-soft',
  'danger',
  'danger-soft',
  'focus',
];
const icons: IconName[] = [
  'calendar',
  'check',
  'info',
  'warning',
  'error',
  'clock',
  'document',
  'people',
  'globe',
  'menu',
  'search',
  'inbox',
  'arrow',
];

/** Translatable data as a page shows it (Localized): in the page's language, or marked with the one it fell back to. */
const localizedSamples: Record<string, string>[] = [
  { en: 'Collaboration', ar: 'التعاون' },
  { en: 'Meetings of FG-MV Working Groups 1 and 2 (demo)' },
  { ar: 'الفريق المتخصص المعني بالميتافيرس' },
];

function Showcase(props: { s: Sample; locale: 'en' | 'ar' }) {
  const { s } = props;
  const ctx = { locale: props.locale };
  return (
    <>
      <Breadcrumb label={s.breadcrumb} trail={[{ href: '#', label: s.group }, { href: '#', label: s.meeting }, { label: s.title }]} />
      <PageHeader
        eyebrow={s.meeting}
        title={s.title}
        lead={s.lead}
        actions={
          <>
            <ButtonLink href="#">{s.primary}</ButtonLink>
            <ButtonLink href="#" kind="secondary">
              {s.secondary}
            </ButtonLink>
          </>
        }
      />
      <Tabs label={s.meetingNav} items={s.tabs.map((label, i) => ({ href: '#', label, current: i === 1 }))} />
      <div class="card-grid">
        {s.stats.map((label, i) => (
          <Stat value={[42, 5, 17][i]!} label={label} href="#" />
        ))}
      </div>
      <p>
        <Badge tone="success">{s.registered}</Badge> <Badge tone="warning">{s.waiting}</Badge> <Badge tone="neutral">{s.cancelled}</Badge>{' '}
        <Badge tone="info">{s.requested}</Badge> <Badge tone="success">{s.letter}</Badge>
      </p>
      <Alert tone="success" title={s.saved}>
        <p>{s.savedNext}</p>
      </Alert>
      <Alert tone="warning">
        <p>{s.watch}</p>
      </Alert>
      <Alert tone="danger">
        <p>{s.failed}</p>
      </Alert>
      <Alert tone="info">
        <p>{s.know}</p>
      </Alert>
      <Steps label={s.stepsLabel} steps={s.steps.map((label, i) => ({ label, state: i < 2 ? 'done' : i === 2 ? 'current' : 'todo' }))} />
      <FilterBar
        action="#"
        label={s.filter}
        actions={
          <button type="submit" class="secondary">
            {s.filter}
          </button>
        }
      >
        <div class="field">
          <label for={`q-${s.group}-${s.title}`}>{s.search}</label>
          <input id={`q-${s.group}-${s.title}`} name="q" type="search" />
        </div>
      </FilterBar>
      <DataTable caption={s.title} label={s.title} stack>
        <thead>
          <tr>
            {s.columns.map((c, i) =>
              i < 3 ? <SortableHeader label={c} href={`?sort=${i}`} active={i === 0} descending={false} /> : <th scope="col">{c}</th>,
            )}
          </tr>
        </thead>
        <tbody>
          {s.rows.map((row, i) => (
            <tr>
              {row.map((cell, j) => (
                <td data-label={s.columns[j]}>{cell}</td>
              ))}
              <td data-label={s.columns[3]}>
                <Badge tone={i === 0 ? 'success' : 'warning'}>{i === 0 ? s.registered : s.waiting}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <Card title={s.meeting} aside={<Badge tone="info">{s.requested}</Badge>}>
        <p>{s.know}</p>
        <div class="button-row">
          <button type="button">{s.primary}</button>
          <button type="button" class="secondary">
            {s.secondary}
          </button>
          <button type="button" class="danger">
            {s.danger}
          </button>
        </div>
      </Card>
      <Card title={s.localized}>
        <p class="hint">{s.localizedHint}</p>
        <ul class="localized-samples">
          {localizedSamples.map((text) => (
            <li>
              <Localized ctx={ctx} text={text} />
            </li>
          ))}
          <li>
            <bdi>Shin-Gak Kang</bdi> (<bdi>ETRI</bdi>) · <span class="doc-number">FGMV-I-001</span> ·{' '}
            <DateText ctx={ctx} date="2027-01-07" />
          </li>
        </ul>
      </Card>
      <EmptyState icon="document" title={s.empty} actions={<ButtonLink href="#">{s.submit}</ButtonLink>}>
        {s.emptyHint}
      </EmptyState>
    </>
  );
}

function DesignPage(props: { ctx: ViewContext }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('design.title')}>
      <PageHeader title={t('design.title')} lead={t('design.intro')} />
      <h2>{t('design.tokens')}</h2>
      <ul class="swatches">
        {colors.map((c) => (
          <li class="swatch">
            <div class={`swatch-color swatch-${c}`} />
            <code>--color-{c}</code>
          </li>
        ))}
      </ul>
      <p class="button-row">
        {icons.map((name) => (
          <span class="tag">
            <Icon name={name} /> {name}
          </span>
        ))}
      </p>
      <h2>{t('design.components')}</h2>
      <div class="design-pair">
        <section lang="en" dir="ltr" aria-label="English, left to right">
          <Showcase s={samples.en} locale="en" />
        </section>
        <section lang="ar" dir="rtl" aria-label="العربية، من اليمين إلى اليسار">
          <Showcase s={samples.ar} locale="ar" />
        </section>
      </div>
    </Layout>
  );
}

/** GET /design: every component of the design system, left to right and right to left. */
export function installDesignPage(app: FastifyInstance): void {
  app.get('/design', { schema: { hide: true }, config: { access: anyone } }, async (req, reply) =>
    sendPage(reply, DesignPage({ ctx: viewContext(req) })),
  );
}
