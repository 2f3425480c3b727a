import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { isCountryCode } from '../../../platform/countries.ts';
import { UnauthenticatedError } from '../../../platform/errors.ts';
import { byPolicy } from '../../../platform/http/access.ts';
import { sendPrivateFile } from '../../../platform/http/downloads.ts';
import { allowPage, signedIn } from '../../../platform/http/page-guard.ts';
import { viewContext } from '../../../platform/http/request-context.ts';
import { sendPage } from '../../../platform/ui/render.ts';
import { toId } from '../../../platform/validation.ts';
import { isOneOf } from '../../../platform/vocabulary.ts';
import { membershipCategories } from '../../accounts/vocabulary.ts';
import { getMeeting } from '../../meetings/service.ts';
import { registrationPaths as paths } from '../paths.ts';
import { manageRegistrations, seeParticipants } from '../policies.ts';
import { participationModes, registrationStatuses } from '../vocabulary.ts';
import {
  type ConsoleFilters,
  type ExportFormat,
  exportRegistrations,
  listRegistrationsForConsole,
  participantList,
  registrationCounts,
} from './service.ts';
import { ParticipantListPage, RegistrationConsolePage } from './views.tsx';

const hide = { schema: { hide: true } };
const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);

const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Filters of the page and its downloads: a choice the form does not offer is ignored, not an error. */
function filtersFromQuery(query: unknown): ConsoleFilters {
  const params = (query ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof params[name] === 'string' ? params[name].trim() : '');
  const choice = <T extends string>(name: string, allowed: readonly T[]) => {
    const value = text(name);
    return isOneOf(allowed, value) ? value : undefined;
  };
  const country = text('country').toUpperCase();
  return {
    q: text('q').slice(0, 200) || undefined,
    mode: choice('mode', participationModes),
    status: choice('status', registrationStatuses),
    country: isCountryCode(country) ? country : undefined,
    category: choice('category', membershipCategories),
  };
}

/** The secretariat's list of a meeting's registrations with its downloads, and the participant list. */
export async function registrationConsolePages(app: FastifyInstance, ctx: AppContext) {
  app.get(paths.console.pattern, { ...hide, config: { access: byPolicy(manageRegistrations, 'secretariat') } }, async (req, reply) => {
    if (!allowPage(req, reply, manageRegistrations, undefined)) return reply;
    const detail = await getMeeting(ctx, idOf(req));
    const filters = filtersFromQuery(req.query);
    const rows = await listRegistrationsForConsole(ctx, req.actor, detail.meeting.id, filters);
    const counts = await registrationCounts(ctx, req.actor, detail.meeting.id);
    return sendPage(reply, RegistrationConsolePage({ ctx: viewContext(req), detail, filters, rows, counts }));
  });

  const download = (format: ExportFormat) => async (req: FastifyRequest, reply: FastifyReply) => {
    if (!allowPage(req, reply, manageRegistrations, undefined)) return reply;
    const id = idOf(req);
    const body = await exportRegistrations(ctx, req.actor, id, filtersFromQuery(req.query), format, req.locale);
    return sendPrivateFile(
      reply,
      typeof body === 'string' ? body : Buffer.from(body),
      contentTypes[format],
      `registrations-${id}.${format}`,
    );
  };
  app.get(paths.consoleCsv.pattern, { ...hide, config: { access: byPolicy(manageRegistrations, 'secretariat') } }, download('csv'));
  app.get(paths.consoleXlsx.pattern, { ...hide, config: { access: byPolicy(manageRegistrations, 'secretariat') } }, download('xlsx'));

  app.get(paths.participants.pattern, { ...hide, config: { access: byPolicy(seeParticipants, 'readers') } }, async (req, reply) => {
    const detail = await getMeeting(ctx, idOf(req));
    try {
      const participants = await participantList(ctx, req.actor, detail.meeting.id);
      return sendPage(reply, ParticipantListPage({ ctx: viewContext(req), detail, participants }));
    } catch (error) {
      if (error instanceof UnauthenticatedError && !signedIn(req, reply, req.url)) return reply;
      throw error;
    }
  });
}
