import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { anyone, byPolicy } from '../../platform/http/access.ts';
import { flattenForm, unflattenForm } from '../../platform/http/form-data.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { noticeFrom, redirectWithNotice } from '../../platform/http/forms.ts';
import { allowPage } from '../../platform/http/page-guard.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { may } from '../../platform/policy.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { renderSlot } from '../../platform/ui/slots.ts';
import { MAX_ID, toId } from '../../platform/validation.ts';
import { groupPaths as paths } from './paths.ts';
import { manageGroups } from './policies.ts';
import * as groups from './service.ts';
import { groupAdminActions, groupLinks, groupMain, groupSections } from './slots.ts';
import { BureausPage } from './views/bureau-pages.tsx';
import { GroupFormPage, OfficerFormPage, SubgroupFormPage } from './views/group-forms.tsx';
import { GroupPage, GroupsIndexPage } from './views/group-page.tsx';

const hide = { schema: { hide: true } };
type ItemParams = { code: string; id: string };
const idOf = (req: FastifyRequest) => toId((req.params as ItemParams).id);
const codeOf = (req: FastifyRequest) => (req.params as ItemParams).code;
const secretariat = byPolicy(manageGroups, 'secretariat');
const editOf = (code: string) => paths.edit({ code: code.toLowerCase() });

export async function groupPages(app: FastifyInstance, ctx: AppContext) {
  app.get(paths.groups.pattern, { ...hide, config: { access: anyone } }, async (req, reply) =>
    sendPage(
      reply,
      GroupsIndexPage({
        ctx: viewContext(req),
        groups: await groups.listGroups(ctx),
        notice: noticeFrom(req),
        mayManage: may(req.actor, manageGroups, undefined),
      }),
    ),
  );

  const bureausOf = async (req: FastifyRequest) => {
    const rows = await groups.listBureaus(ctx);
    const code = (req.query as Record<string, string | undefined>).code?.toUpperCase();
    return { rows, editing: rows.find((b) => b.code === code) };
  };
  formPage(app, paths.bureaus.pattern, {
    access: secretariat,
    initial: async (req, reply) => {
      if (!allowPage(req, reply, manageGroups, undefined)) return reply;
      const { editing } = await bureausOf(req);
      return emptyForm(
        editing ? flattenForm({ ...editing, id: undefined, createdAt: undefined, updatedAt: undefined }) : { nextCircularNumber: '1' },
      );
    },
    show: async (req, reply, form, status) => {
      const { rows, editing } = await bureausOf(req);
      return sendPage(reply, BureausPage({ ctx: viewContext(req), rows, form, editing: editing?.code, notice: noticeFrom(req) }), status);
    },
    submit: async (req, reply, body) => {
      if (!allowPage(req, reply, manageGroups, undefined)) return reply;
      const shown = Number(body.nextCircularNumberShown);
      const saved = await groups.saveBureau(ctx, req.actor, unflattenForm(body) as groups.BureauInput, {
        counterAsShown: Number.isSafeInteger(shown) && shown > 0 && shown <= MAX_ID ? shown : undefined,
      });
      return redirectWithNotice(reply, paths.bureaus({}, { code: saved.code }), 'saved');
    },
  });

  const groupFormDefaults = () =>
    flattenForm({ status: 'active', deadlineRules: { visaSupportDays: 25, registrationDays: 18, contributionsDays: 7 } });
  app.get(paths.newGroup.pattern, { ...hide, config: { access: secretariat } }, async (req, reply) => {
    if (!allowPage(req, reply, manageGroups, undefined)) return reply;
    return sendPage(
      reply,
      GroupFormPage({ ctx: viewContext(req), form: emptyForm(groupFormDefaults()), bureaus: await groups.listBureaus(ctx) }),
    );
  });
  formPage(app, paths.groups.pattern, {
    access: secretariat,
    postOnly: true,
    show: async (req, reply, form, status) =>
      sendPage(reply, GroupFormPage({ ctx: viewContext(req), form, bureaus: await groups.listBureaus(ctx) }), status),
    submit: async (req, reply, body) => {
      const group = await groups.createGroup(ctx, req.actor, unflattenForm(body) as groups.GroupInput);
      return redirectWithNotice(reply, editOf(group.code), 'created');
    },
  });

  app.get(paths.group.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
    const group = await groups.getGroup(ctx, codeOf(req));
    const mayManage = may(req.actor, manageGroups, undefined);
    const [main, sections, adminActions, links] = await Promise.all([
      renderSlot(groupMain, ctx, req, group),
      renderSlot(groupSections, ctx, req, group),
      mayManage ? renderSlot(groupAdminActions, ctx, req, group) : [],
      renderSlot(groupLinks, ctx, req, group),
    ]);
    return sendPage(
      reply,
      GroupPage({
        ctx: viewContext(req),
        group,
        notice: noticeFrom(req),
        main: main.map((p) => p.part),
        sections: sections.map((p) => p.part),
        mayManage,
        adminActions: adminActions.flatMap((p) => p.part),
        links: links.flatMap((p) => p.part),
      }),
    );
  });

  const groupAsForm = async (g: groups.GroupDetail) =>
    flattenForm({
      establishedBy: g.establishedBy,
      bureau: await groups.bureauCodeOf(ctx, g.bureauId),
      code: g.code,
      name: g.name,
      mandate: g.mandate,
      parentBody: g.parentBody,
      establishedOn: g.establishedOn ?? '',
      status: g.status,
      documentPrefix: g.documentPrefix,
      contactEmail: g.contactEmail,
      contributionEmail: g.contributionEmail,
      documentAccess: g.documentAccess,
      registrationApproval: g.registrationApproval,
      contactTel: g.contactTel,
      contactFax: g.contactFax,
      deadlineRules: g.deadlineRules,
    });
  formPage(app, paths.edit.pattern, {
    access: secretariat,
    initial: async (req, reply) =>
      allowPage(req, reply, manageGroups, undefined) ? emptyForm(await groupAsForm(await groups.getGroup(ctx, codeOf(req)))) : reply,
    show: async (req, reply, form, status) => {
      const group = await groups.getGroup(ctx, codeOf(req));
      return sendPage(
        reply,
        GroupFormPage({ ctx: viewContext(req), form, group, notice: noticeFrom(req), bureaus: await groups.listBureaus(ctx) }),
        status,
      );
    },
    submit: async (req, reply, body) => {
      const group = await groups.updateGroup(ctx, req.actor, codeOf(req), unflattenForm(body) as groups.GroupInput);
      return redirectWithNotice(reply, editOf(group.code), 'saved');
    },
  });

  // Subgroups and officers: one small form page each, listed on the group's edit page.
  const itemPages = [
    {
      paths: { new: paths.newSubgroup, create: paths.subgroups, edit: paths.editSubgroup, remove: paths.deleteSubgroup },
      load: async (code: string, id: number) => {
        const s = (await groups.getGroup(ctx, code)).subgroups.find((x) => x.id === id);
        if (!s) throw new NotFoundError();
        return flattenForm({ kind: s.kind, number: s.number ?? '', title: s.title });
      },
      defaults: () => ({ kind: 'WG' }),
      save: (req: FastifyRequest, input: Record<string, unknown>, id?: number) =>
        groups.saveSubgroup(ctx, req.actor, codeOf(req), input as groups.SubgroupInput, id),
      remove: (req: FastifyRequest, id: number) => groups.deleteSubgroup(ctx, req.actor, codeOf(req), id),
      page: (req: FastifyRequest, form: FormState, id?: number) =>
        SubgroupFormPage({ ctx: viewContext(req), form, groupCode: codeOf(req), subgroupId: id }),
    },
    {
      paths: { new: paths.newOfficer, create: paths.officers, edit: paths.editOfficer, remove: paths.deleteOfficer },
      load: async (code: string, id: number) => {
        const group = await groups.getGroup(ctx, code);
        const o = group.officers.find((x) => x.id === id);
        if (!o) throw new NotFoundError();
        const emails = await groups.officerAccountEmails(ctx, group.id);
        return flattenForm({ ...o, accountEmail: emails.get(o.id) ?? '', fromDate: o.fromDate ?? '', untilDate: o.untilDate ?? '' });
      },
      defaults: () => ({ role: 'vice-chair', position: 0 }),
      save: (req: FastifyRequest, input: Record<string, unknown>, id?: number) =>
        groups.saveOfficer(ctx, req.actor, codeOf(req), input as groups.OfficerInput, id),
      remove: (req: FastifyRequest, id: number) => groups.deleteOfficer(ctx, req.actor, codeOf(req), id),
      page: (req: FastifyRequest, form: FormState, id?: number) =>
        OfficerFormPage({ ctx: viewContext(req), form, groupCode: codeOf(req), officerId: id }),
    },
  ];
  for (const item of itemPages) {
    const back = (req: FastifyRequest) => editOf(codeOf(req));
    app.get(item.paths.new.pattern, { ...hide, config: { access: secretariat } }, async (req, reply) => {
      if (!allowPage(req, reply, manageGroups, undefined)) return reply;
      await groups.findGroup(ctx, codeOf(req));
      return sendPage(reply, item.page(req, emptyForm(item.defaults())));
    });
    formPage(app, item.paths.create.pattern, {
      access: secretariat,
      postOnly: true,
      show: (req, reply, form, status) => sendPage(reply, item.page(req, form), status),
      submit: async (req, reply, body) => {
        await item.save(req, unflattenForm(body));
        return redirectWithNotice(reply, back(req), 'saved');
      },
    });
    formPage(app, item.paths.edit.pattern, {
      access: secretariat,
      initial: async (req, reply) =>
        allowPage(req, reply, manageGroups, undefined) ? emptyForm(await item.load(codeOf(req), idOf(req))) : reply,
      show: (req, reply, form, status) => sendPage(reply, item.page(req, form, idOf(req)), status),
      submit: async (req, reply, body) => {
        await item.save(req, unflattenForm(body), idOf(req));
        return redirectWithNotice(reply, back(req), 'saved');
      },
    });
    app.post(item.paths.remove.pattern, { ...hide, config: { access: secretariat } }, async (req, reply) => {
      await item.remove(req, idOf(req));
      return redirectWithNotice(reply, back(req), 'deleted');
    });
  }
}
