import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { anyone } from '../../platform/http/access.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { sendPage } from '../../platform/ui/render.ts';
import { renderSlot } from '../../platform/ui/slots.ts';
import { accountPaths } from './paths.ts';
import { privacySections } from './slots.ts';
import { PrivacyNoticePage } from './views/privacy-notice.tsx';

/** The privacy notice, for anyone: what convene keeps of a person, who sees it, how long, and how to have it deleted. */
export async function privacyNoticePages(app: FastifyInstance, ctx: AppContext) {
  app.get(accountPaths.privacy.pattern, { schema: { hide: true }, config: { access: anyone } }, async (req, reply) => {
    const sections = (await renderSlot(privacySections, ctx, req, null)).map((s) => s.part);
    return sendPage(reply, PrivacyNoticePage({ ctx: viewContext(req), sections }));
  });
}
