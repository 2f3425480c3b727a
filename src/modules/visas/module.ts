import { defineModule } from '../../platform/modules/manifest.ts';
import { visaRequestsOfPerson } from './personal-data.ts';
import { visaApplicantsToRemind } from './reminder-audience.ts';
import { visaRoutes } from './routes.ts';
import { purgeExpiredVisaData, resealPersonalData } from './service.ts';

export const visasModule = defineModule({
  name: 'visas',
  routes: [visaRoutes],
  // Passport details and letters past their retention.
  purge: [purgeExpiredVisaData],
  reseal: [resealPersonalData],
  personalData: [visaRequestsOfPerson],
  provides: [visaApplicantsToRemind],
});
