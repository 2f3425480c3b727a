import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { emptyForm, type FormState } from '../ui/forms.tsx';
import type { AccessRule } from './access.ts';
import { formBody, formFailure, sentValues } from './forms.ts';
import { signedIn } from './page-guard.ts';

type Answer = FastifyReply | Promise<FastifyReply>;

/**
 * A page with a form, the way every form of the application behaves: the page shows the form, the form posts
 * to the same address, and a submission the user can fix (a 4xx domain error) shows the page again with what
 * was sent and the errors, never a bare error page; nobody signed in is sent to the login form and back first.
 */
interface FormPage {
  /** Who may use the page and its form (see access.ts). */
  access: AccessRule;
  /** Only for someone signed in: nobody signed in goes to the login form and back. */
  signIn?: boolean;
  /** The page with the form as given, at the status given (the first showing, or the errors of a failed submission). */
  show: (req: FastifyRequest, reply: FastifyReply, form: FormState, status: number) => Answer;
  /**
   * The form as first shown (empty unless given); may answer itself instead (a redirect elsewhere, a page
   * saying the form is closed). Without `initial` and with `postOnly`, no page is registered for GET.
   */
  initial?: (req: FastifyRequest, reply: FastifyReply) => Promise<FormState | FastifyReply> | FormState | FastifyReply;
  /** Only the submission is registered (the page itself is another route's). */
  postOnly?: boolean;
  /** Does what the form asks with its fields (checked by the input rule) and answers, usually with a redirect. */
  submit: (req: FastifyRequest, reply: FastifyReply, body: Record<string, unknown>) => Answer;
  /** The form shown again after a failure, from the one with the values sent (a fresh idempotency key, say). */
  refill?: (form: FormState) => FormState;
  /** Errors that go to the error page rather than into the form. */
  passThrough?: (error: unknown) => boolean;
  /** More of the route's config (multipart, csrfExempt). */
  config?: Omit<FastifyContextConfig, 'access'>;
}

const isReply = (value: unknown): value is FastifyReply =>
  typeof value === 'object' && value !== null && 'sent' in value && 'code' in value;

export function formPage(app: FastifyInstance, pattern: string, page: FormPage): void {
  const options = { schema: { hide: true }, config: { ...page.config, access: page.access } };
  if (!page.postOnly) {
    app.get(pattern, options, async (req, reply) => {
      if (page.signIn && !signedIn(req, reply)) return reply;
      const initial = page.initial ? await page.initial(req, reply) : emptyForm();
      if (isReply(initial)) return initial;
      return page.show(req, reply, initial, 200);
    });
  }
  app.post(pattern, options, async (req, reply) => {
    if (page.signIn && !signedIn(req, reply)) return reply;
    try {
      return await page.submit(req, reply, formBody(req));
    } catch (error) {
      if (page.passThrough?.(error)) throw error;
      const { form, status } = formFailure(error, sentValues(req));
      return page.show(req, reply, page.refill ? page.refill(form) : form, status);
    }
  });
}
