import { eq } from 'drizzle-orm';
import type { PersonalData } from '../../platform/modules/personal-data.ts';
import { registrationRefs } from '../registrations/queries.ts';
import { letterValid } from './rules.ts';
import { visaRequests } from './schema.ts';

/** Each registration's visa request, the person's own passport details opened; they go with the registration. */
export const visaRequestsOfPerson: PersonalData = {
  key: 'visaRequests',
  attach: { to: 'registrations', as: 'visaRequest' },
  export: async (ctx, person) => {
    const registrations = registrationRefs(ctx.db);
    const rows = await ctx.db
      .select({ request: visaRequests })
      .from(visaRequests)
      .innerJoin(registrations, eq(registrations.id, visaRequests.registrationId))
      .where(eq(registrations.accountId, person.accountId));
    return new Map(
      rows.map(({ request }) => {
        const { passport, letterPdf: _pdf, ...rest } = request;
        const opened = passport ? JSON.parse(ctx.keyring.open(passport).toString('utf8')) : null;
        return [request.registrationId, { ...rest, passport: opened, letterAvailable: letterValid(request) }];
      }),
    );
  },
};
