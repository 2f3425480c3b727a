import type { FastifyReply, FastifyRequest } from 'fastify';
import { BACK_FIELD, CONFIRMED_FIELD, type Confirmation, ConfirmPage } from '../ui/confirm-page.tsx';
import { sendPage } from '../ui/render.ts';
import { sentValues } from './forms.ts';
import { viewContext } from './request-context.ts';

/**
 * Irreversible or mass actions ask first. A form post that was not confirmed answers with a page saying what
 * will happen (and returns false); the page posts the same fields again, confirmed (then this returns true).
 * With `back`, the page also offers to change what was typed: `back` shows the form again with it.
 * Call it after the access check, so someone who may not act is refused, not asked.
 */
export async function confirmedOrAsk(
  req: FastifyRequest,
  reply: FastifyReply,
  describe: () => Confirmation | Promise<Confirmation>,
  back?: (values: Record<string, unknown>) => unknown,
): Promise<boolean> {
  const fields = sentValues(req);
  if (fields[CONFIRMED_FIELD] === '1') return true;
  if (back && fields[BACK_FIELD] === '1') {
    const { [BACK_FIELD]: _, ...values } = fields;
    await back(values);
    return false;
  }
  const action = req.url.length <= 2000 ? req.url : req.url.split('?')[0]!;
  sendPage(reply, ConfirmPage({ ctx: viewContext(req), action, fields, confirmation: await describe(), editable: Boolean(back) }));
  return false;
}
