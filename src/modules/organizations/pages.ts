import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { flattenForm, unflattenForm } from '../../platform/http/form-data.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { noticeFrom, redirectWithNotice } from '../../platform/http/forms.ts';
import { allowPage } from '../../platform/http/page-guard.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { toId } from '../../platform/validation.ts';
import { importOrganizations } from './import.ts';
import { organizationPaths as paths } from './paths.ts';
import { manageOrganizations } from './policies.ts';
import * as service from './service.ts';
import { NewOrganizationPage, OrganizationPage } from './views/organization-page.tsx';
import { ImportOrganizationsPage, OrganizationsPage } from './views/organizations-page.tsx';

const access = byPolicy(manageOrganizations, 'secretariat');
const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);
const detailsForm = (o: service.OrganizationDetail) => emptyForm(flattenForm({ name: o.name, country: o.country, category: o.category }));

/** The secretariat's pages: the list, a new organization, and each one with its members and focal points. */
export async function organizationPages(app: FastifyInstance, ctx: AppContext) {
  app.get(paths.list.pattern, { schema: { hide: true }, config: { access } }, async (req, reply) => {
    if (!allowPage(req, reply, manageOrganizations, undefined)) return reply;
    return sendPage(
      reply,
      OrganizationsPage({ ctx: viewContext(req), rows: await service.listOrganizations(ctx, req.actor), notice: noticeFrom(req) }),
    );
  });

  formPage(app, paths.create.pattern, {
    access,
    initial: (req, reply) => (allowPage(req, reply, manageOrganizations, undefined) ? emptyForm() : reply),
    show: (req, reply, form, status) => sendPage(reply, NewOrganizationPage({ ctx: viewContext(req), form }), status),
    submit: async (req, reply, body) => {
      const created = await service.createOrganization(ctx, req.actor, unflattenForm(body) as service.OrganizationInput);
      return redirectWithNotice(reply, paths.organization({ id: created.id }), 'created');
    },
  });

  formPage(app, paths.importSheet.pattern, {
    access,
    initial: (req, reply) => (allowPage(req, reply, manageOrganizations, undefined) ? emptyForm() : reply),
    show: (req, reply, form, status) => sendPage(reply, ImportOrganizationsPage({ ctx: viewContext(req), form }), status),
    submit: async (req, reply, body) => {
      const done = await importOrganizations(ctx, req.actor, typeof body.csv === 'string' ? body.csv : '');
      return sendPage(reply, ImportOrganizationsPage({ ctx: viewContext(req), form: emptyForm(), done }));
    },
  });

  /** The organization's page with one of its two forms as sent (and its errors), the other as stored. */
  const show = async (req: FastifyRequest, forms: { details?: FormState; member?: FormState }) => {
    const organization = await service.getOrganization(ctx, req.actor, idOf(req));
    return OrganizationPage({
      ctx: viewContext(req),
      organization,
      form: forms.details ?? detailsForm(organization),
      memberForm: forms.member ?? emptyForm(),
      notice: noticeFrom(req),
    });
  };
  formPage(app, paths.organization.pattern, {
    access,
    initial: (req, reply) => (allowPage(req, reply, manageOrganizations, undefined) ? emptyForm() : reply),
    show: async (req, reply, form, status) => sendPage(reply, await show(req, status === 200 ? {} : { details: form }), status),
    submit: async (req, reply, body) => {
      await service.updateOrganization(ctx, req.actor, idOf(req), unflattenForm(body) as service.OrganizationInput);
      return redirectWithNotice(reply, paths.organization({ id: idOf(req) }), 'saved');
    },
  });
  formPage(app, paths.members.pattern, {
    access,
    postOnly: true,
    show: async (req, reply, form, status) => sendPage(reply, await show(req, { member: form }), status),
    submit: async (req, reply, body) => {
      await service.setMember(ctx, req.actor, idOf(req), { email: String(body.email ?? ''), focalPoint: body.focalPoint === 'on' });
      return redirectWithNotice(reply, paths.organization({ id: idOf(req) }), 'saved');
    },
  });
  app.post(paths.removeMember.pattern, { schema: { hide: true }, config: { access } }, async (req, reply) => {
    if (!allowPage(req, reply, manageOrganizations, undefined)) return reply;
    await service.removeMember(ctx, req.actor, idOf(req), toId((req.params as { accountId: string }).accountId));
    return redirectWithNotice(reply, paths.organization({ id: idOf(req) }), 'saved');
  });
}
