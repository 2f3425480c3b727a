import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { requireActor } from '../../platform/http/page-guard.ts';
import { documentedEnum, problems } from '../../platform/http/problem.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { isSecretariat } from '../../platform/policy.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { toId } from '../../platform/validation.ts';
import { type ApprovalDecisionInput, decideApprovals, MAX_APPROVALS, waitingForApproval } from './approvals.ts';
import { many } from './input.ts';
import { registrationPaths as paths } from './paths.ts';
import { seeApprovals } from './policies.ts';
import { type ApprovalsDone, ApprovalsPage } from './views/approvals-page.tsx';
import { approvalDecisions, participationModes, registrationStatuses } from './vocabulary.ts';

const access = byPolicy(seeApprovals, 'focal-points');

/** `?meeting=` narrows the queue to one meeting; anything else is ignored. */
function meetingFilter(req: FastifyRequest): number | undefined {
  const raw = (req.query as Record<string, unknown>).meeting;
  const id = typeof raw === 'string' ? toId(raw) : Number.NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** What the page says after a decision (`?done=approved&count=3`); anything else says nothing. */
function doneOf(req: FastifyRequest): ApprovalsDone | undefined {
  const q = req.query as Record<string, unknown>;
  const count = Number(q.count);
  if ((q.done === 'approved' || q.done === 'declined') && Number.isSafeInteger(count) && count >= 0 && count <= MAX_APPROVALS)
    return { decision: q.done, count };
  return undefined;
}

/** The approval queue of focal points and the secretariat: its page (works without script) and its API. */
export async function approvalRoutes(scope: FastifyInstance, ctx: AppContext) {
  const show = async (req: FastifyRequest, form: FormState) => {
    const actor = requireActor(req);
    const { list, meetings } = await waitingForApproval(ctx, actor, { meetingId: meetingFilter(req) });
    return ApprovalsPage({ ctx: viewContext(req), list, meetings, form, done: doneOf(req), secretariat: isSecretariat(actor) });
  };
  formPage(scope, paths.approvals.pattern, {
    access,
    signIn: true,
    initial: () => emptyForm(),
    show: async (req, reply, form, status) => sendPage(reply, await show(req, form), status),
    submit: async (req, reply, body) => {
      const decision = body.decision === 'decline' ? 'decline' : 'approve';
      const outcomes = await decideApprovals(ctx, requireActor(req), {
        registrationIds: many(body.registrationIds) as unknown as number[],
        decision,
        reason: typeof body.reason === 'string' ? body.reason : undefined,
      });
      const count = outcomes.filter((o) => o.changed).length;
      const meeting = meetingFilter(req);
      return reply.redirect(
        paths.approvals({}, { meeting, done: decision === 'approve' ? 'approved' : 'declined', count: String(count) }),
        303,
      );
    },
  });

  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['registrations'];
  const security = [{ bearer: [] }];
  const Waiting = z.object({
    id: z.number(),
    number: z.string(),
    meetingId: z.number(),
    mode: z.enum(participationModes),
    sessions: z.array(z.string()),
    createdAt: z.string(),
    person: z.object({
      id: z.number(),
      givenName: z.string(),
      familyName: z.string(),
      email: z.string(),
      category: z.string(),
      country: z.string(),
    }),
    organizationId: z.number().nullable().describe('Null: a person of no organization, whom the secretariat alone approves'),
  });
  app.get(
    '/api/approvals',
    {
      config: { access },
      schema: {
        operationId: 'listApprovals',
        tags,
        security,
        summary: 'Registrations waiting for my approval (a focal point: my organization’s people; the secretariat: all)',
        querystring: z.object({ meeting: z.string().optional().describe('Only this meeting’s (its id)') }),
        response: { 200: z.array(Waiting), ...problems(403) },
      },
    },
    async (req) => {
      const { list } = await waitingForApproval(ctx, req.actor, { meetingId: meetingFilter(req) });
      return list.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
    },
  );
  app.post(
    '/api/approvals',
    {
      config: { access },
      schema: {
        operationId: 'decideApprovals',
        tags,
        security,
        summary: 'Approve or decline waiting registrations, all or none (repeating a decision changes nothing)',
        body: z.object({
          registrationIds: z.array(z.number()).describe(`1 to ${MAX_APPROVALS} registrations I may decide on`),
          decision: documentedEnum(approvalDecisions),
          reason: z.string().optional().describe('Needed to decline: each person declined is told it'),
        }),
        response: {
          200: z.object({
            results: z.array(
              z.object({
                id: z.number(),
                number: z.string(),
                status: z.enum(registrationStatuses),
                changed: z.boolean().describe('False: the decision had already been taken'),
              }),
            ),
          }),
          ...problems(403, 404, 409),
        },
      },
    },
    async (req) => ({ results: await decideApprovals(ctx, req.actor, req.body as ApprovalDecisionInput) }),
  );
}
