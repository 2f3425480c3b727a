import { plugInto } from '../../platform/modules/extensions.ts';
import { defineModule } from '../../platform/modules/manifest.ts';
import { footerLinks, personMenu } from '../../platform/ui/menus.ts';
import { accountApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { forgetOldCounters } from './limits.ts';
import { accountPages } from './pages.ts';
import { accountPaths } from './paths.ts';
import { privacyNoticePages } from './privacy-notice.ts';
import { purgeExpiredAccountRequests, resealTwoFactorSecrets } from './two-factor.ts';

export const accountsModule = defineModule({
  name: 'accounts',
  rank: 1,
  catalog,
  apiTags: [{ name: 'accounts', description: 'The signed-in account and its data' }],
  routes: [accountPages, accountApi, privacyNoticePages],
  // Expired sign-ups and pending logins, throttle counters and login attempts older than a day.
  purge: [purgeExpiredAccountRequests, forgetOldCounters],
  reseal: [resealTwoFactorSecrets],
  plugs: [
    plugInto(personMenu, 'account', { href: accountPaths.account(), label: 'nav.account', order: 90 }),
    plugInto(footerLinks, 'privacy', { href: accountPaths.privacy(), label: 'privacyNotice.title', order: 10 }),
  ],
});
