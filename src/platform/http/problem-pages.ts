import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../errors.ts';
import { ProblemIndexPage, ProblemTypePage } from '../ui/problem-page.tsx';
import { sendPage } from '../ui/render.ts';
import { anyone } from './access.ts';
import { isProblemCode, problemCodes, problemTitle, problemTypes, problemTypeUri, problemTypeView } from './problem-types.ts';
import { viewContext } from './request-context.ts';

/** A browser asks for HTML; curl, scripts and the like get the same content as plain text. */
const wantsHtml = (req: FastifyRequest) => /\btext\/html\b|\bapplication\/xhtml\+xml\b/i.test(req.headers.accept ?? '');

function sendText(reply: FastifyReply, lines: string[]) {
  return reply
    .type('text/plain; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .send(`${lines.join('\n')}\n`);
}

/**
 * GET /problems and GET /problems/:code: what each problem type means and what to do about it, in the
 * reader's language (?lang=, the language cookie, Accept-Language); HTML for browsers, plain text otherwise.
 */
export function installProblemPages(app: FastifyInstance, baseUrl: string): void {
  const options = { schema: { hide: true }, config: { anonymous: true, access: anyone } };
  app.get('/problems', options, async (req, reply) => {
    reply.header('Vary', 'Accept');
    const t = req.t;
    const types = problemCodes.map((code) => ({ code, statuses: problemTypes[code].statuses, title: problemTitle(t, code) }));
    if (wantsHtml(req)) return sendPage(reply, ProblemIndexPage({ ctx: viewContext(req), types }));
    return sendText(reply, [
      t('problem.indexTitle'),
      '',
      t('problem.indexIntro'),
      '',
      ...types.map((p) => `${p.code} (${p.statuses.join(', ')}): ${p.title}  ${problemTypeUri(baseUrl, p.code)}`),
      '',
      `${t('problem.apiDocs')}: ${baseUrl}/api/docs`,
    ]);
  });
  app.get('/problems/:code', options, async (req, reply) => {
    reply.header('Vary', 'Accept');
    const code = (req.params as { code: string }).code;
    if (!isProblemCode(code)) throw new NotFoundError();
    const view = problemTypeView(req.t, baseUrl, code);
    if (wantsHtml(req)) return sendPage(reply, ProblemTypePage({ ctx: viewContext(req), view }));
    const t = req.t;
    return sendText(reply, [
      `${t('problem.title', { code })} (HTTP ${view.statuses.join(', ')})`,
      view.title,
      '',
      t('problem.whatToDo'),
      ...view.advice.map((a) => `${a.status}: ${a.text}`),
      '',
      t('problem.about'),
      t('problem.aboutText'),
      '',
      `${t('problem.allTypes')}: ${baseUrl}/problems`,
      `${t('problem.apiDocs')}: ${baseUrl}/api/docs`,
    ]);
  });
}
