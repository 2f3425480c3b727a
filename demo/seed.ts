import { findActorByEmail } from '../src/modules/accounts/queries.ts';
import { createVerifiedUser } from '../src/modules/accounts/sign-up.ts';
import { publishDraft, saveDraft } from '../src/modules/agendas/service.ts';
import { issueCircular, listCirculars } from '../src/modules/circulars/service.ts';
import { createGroup, findGroup, listBureaus, saveBureau, saveOfficer, saveSubgroup } from '../src/modules/groups/service.ts';
import { createLiaison } from '../src/modules/liaisons/service.ts';
import { createMeeting, listGroupMeetings, splitByTime } from '../src/modules/meetings/service.ts';
import { createOrganization, listOrganizations, setMember } from '../src/modules/organizations/service.ts';
import { register } from '../src/modules/registrations/service.ts';
import type { AppContext } from '../src/platform/context.ts';
import { NotFoundError } from '../src/platform/errors.ts';
import { addDays, dateInZone } from '../src/platform/time.ts';
import {
  circular90,
  demoAgendaItems,
  demoChair,
  demoDelegate,
  demoLiaisons,
  demoOrganizations,
  demoResearcher,
  demoRooms,
  demoSecretariat,
  fgmv,
  fgmvMay2023,
  fgmvOfficers,
  fgmvSubgroups,
  tsb,
} from './fg-mv.ts';

/**
 * Loads FG-MV through the same services the forms use. Safe to run again: what exists is kept,
 * and new upcoming demo meetings are added only when FG-MV has fewer than two.
 */
export async function seedDemo(ctx: AppContext): Promise<DemoLogin> {
  const actor = (await findActorByEmail(ctx, demoSecretariat.email)) ?? (await createVerifiedUser(ctx, { ...demoSecretariat }));
  // A chair and a delegate to try the other journeys with (the chair is linked to FG-MV's chair below).
  for (const person of [demoChair, demoDelegate, demoResearcher]) {
    if (!(await findActorByEmail(ctx, person.email))) await createVerifiedUser(ctx, { ...person });
  }

  if ((await listOrganizations(ctx, actor)).length === 0) {
    for (const { members, ...organization } of demoOrganizations) {
      const created = await createOrganization(ctx, actor, { ...organization, name: { ...organization.name } });
      for (const member of members) await setMember(ctx, actor, created.id, member);
    }
  }

  const exists = await findGroup(ctx, fgmv.code).then(
    () => true,
    (e) => {
      if (e instanceof NotFoundError) return false;
      throw e;
    },
  );
  if (!(await listBureaus(ctx)).some((b) => b.code === tsb.code)) {
    // The next new circular is number 90, as TSB's was for these meetings.
    await saveBureau(ctx, actor, { ...tsb, nextCircularNumber: circular90.number });
  }
  if (!exists) {
    await createGroup(ctx, actor, { ...fgmv, bureau: tsb.code });
    for (const s of fgmvSubgroups) await saveSubgroup(ctx, actor, fgmv.code, { ...s });
    for (const [position, o] of fgmvOfficers.entries()) {
      await saveOfficer(ctx, actor, fgmv.code, { ...o, position, ...(o.role === 'chair' ? { accountEmail: demoChair.email } : {}) });
    }
    const { detail } = await createMeeting(ctx, actor, fgmv.code, {
      ...fgmvMay2023,
      sessions: [...fgmvMay2023.sessions],
      languages: ['en'],
    });
    if ((await listCirculars(ctx, detail.meeting.id)).length === 0) {
      await issueCircular(ctx, actor, detail.meeting.id, {
        ...circular90,
        addressees: [...circular90.addressees],
        copyTo: [...circular90.copyTo],
      });
    }
    const received = await createLiaison(ctx, actor, fgmv.code, { ...demoLiaisons.incoming, meetingId: detail.meeting.id });
    await createLiaison(ctx, actor, fgmv.code, { ...demoLiaisons.reply, meetingId: detail.meeting.id, replyTo: received.id });
  }

  const { upcoming } = splitByTime(await listGroupMeetings(ctx, fgmv.code), ctx.clock.now());
  if (upcoming.length === 0) {
    // Two months ahead, so registration, visa requests and contributions are all open in the demo.
    const first = addDays(dateInZone(ctx.clock.now(), 'Europe/Zurich'), 60);
    const { detail } = await createMeeting(ctx, actor, fgmv.code, {
      title: {
        en: 'Meetings of FG-MV Working Groups 1 and 2 (demo)',
        zh: 'FG-MV第1和第2工作组会议（演示）',
        ar: 'اجتماعا الفريقين العاملين 1 و2 للفريق FG-MV (عرض توضيحي)',
        fr: 'Réunions des Groupes de travail 1 et 2 du FG-MV (démonstration)',
        es: 'Reuniones de los Grupos de Trabajo 1 y 2 del FG-MV (demostración)',
        ru: 'Собрания рабочих групп 1 и 2 FG-MV (демонстрация)',
      },
      venue: { names: tsb.premises, cities: tsb.city, country: 'CH', timeZone: 'Europe/Zurich' },
      mode: 'hybrid',
      languages: ['en'],
      sessions: [
        { subgroup: 'WG1', startDate: first, endDate: addDays(first, 1), startTime: '09:30', endTime: '12:30', rooms: demoRooms.c2 },
        {
          subgroup: 'WG2',
          startDate: addDays(first, 2),
          endDate: addDays(first, 2),
          startTime: '14:00',
          endTime: '17:30',
          rooms: demoRooms.k,
        },
      ],
    });
    // A published agenda per session, as the chairs would post it before the meeting.
    for (const session of detail.sessions) {
      await saveDraft(ctx, actor, session.id, { items: demoAgendaItems.map((item) => ({ ...item, documents: [] })) });
      await publishDraft(ctx, actor, session.id);
    }
  }
  if (upcoming.length < 2) {
    // Three months ahead, registrations approved by each organization's focal point: ETRI's researcher waits
    // for ETRI's focal point, the chair, on /approvals.
    const first = addDays(dateInZone(ctx.clock.now(), 'Europe/Zurich'), 90);
    const { detail } = await createMeeting(ctx, actor, fgmv.code, {
      title: {
        en: 'Meeting of FG-MV Working Group 3, registrations approved by focal points (demo)',
        zh: 'FG-MV第3工作组会议，注册由联络人审批（演示）',
        ar: 'اجتماع الفريق العامل 3 للفريق FG-MV، بموافقة جهات الاتصال على التسجيلات (عرض توضيحي)',
        fr: 'Réunion du Groupe de travail 3 du FG-MV, inscriptions approuvées par les coordonnateurs (démonstration)',
        es: 'Reunión del Grupo de Trabajo 3 del FG-MV, inscripciones aprobadas por los coordinadores (demostración)',
        ru: 'Собрание рабочей группы 3 FG-MV, регистрации утверждают координаторы (демонстрация)',
      },
      venue: { names: tsb.premises, cities: tsb.city, country: 'CH', timeZone: 'Europe/Zurich' },
      mode: 'hybrid',
      languages: ['en'],
      registrationApproval: 'focal-point',
      inPersonCapacity: 40,
      sessions: [
        { subgroup: 'WG3', startDate: first, endDate: addDays(first, 1), startTime: '09:30', endTime: '17:30', rooms: demoRooms.c2 },
      ],
    });
    const researcher = await findActorByEmail(ctx, demoResearcher.email);
    if (researcher) await register(ctx, researcher, detail.meeting.id, { mode: 'in-person', sessions: ['WG3'], consent: true });
  }
  return {
    email: demoSecretariat.email,
    password: demoSecretariat.password,
    others: [
      { role: 'chair', email: demoChair.email, password: demoChair.password },
      { role: 'delegate', email: demoDelegate.email, password: demoDelegate.password },
    ],
  };
}

/** The demo's secretariat login, and the chair's and the delegate's. */
interface DemoLogin {
  email: string;
  password: string;
  others: { role: 'chair' | 'delegate'; email: string; password: string }[];
}
