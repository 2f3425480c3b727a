import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendas } from '../src/modules/agendas/schema.ts';
import { Agent } from './support/agent.ts';
import { $, $$, $1, type Element, formValues, text } from './support/dom.ts';
import { type BuiltMeeting, buildMeeting, secretariatOf } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';
import { signedInPerson } from './support/people.ts';

type Page = { statusCode: number; body: string };

/**
 * Issue 13 §3: the agenda editor is a table, one row per item. Move up, Move down, Remove and Add item send the
 * form and get it back changed, with everything typed so far and nothing saved; Save draft stores the order.
 */
describe.each(databaseKinds)('the agenda editor (%s)', (kind) => {
  let h: Harness;
  let meeting: BuiltMeeting;
  let secretariat: Agent;

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-20T08:00:00Z');
    meeting = await buildMeeting(h.ctx, {
      group: { code: 'FG-ED', subgroups: ['WG1', 'WG2', 'WG3'] },
      startsIn: 30,
      sessions: ['WG1', 'WG2', 'WG3'],
    });
    const actor = await secretariatOf(h.ctx);
    secretariat = new Agent(h);
    await secretariat.login(actor.email, actor.password);
  });
  afterAll(() => h.close());

  const editPath = (session: number) => `/sessions/${meeting.sessions[session]!.id}/agenda/edit`;
  const draftRows = (session: number) => h.ctx.db.select().from(agendas).where(eq(agendas.sessionId, meeting.sessions[session]!.id));
  const form = (page: Page) => $1(page, 'main form.agenda-editor');
  /** What the table shows, row by row: the number, then the title, description and documents as filled in. */
  const rows = (page: Page) =>
    $$(form(page), 'tbody tr').map((tr) => [
      text($1(tr, '.item-number-long')),
      $1(tr, 'input[name$="_title"]').getAttribute('value') ?? '',
      $1(tr, 'textarea').textContent.replace(/^\r?\n/, ''),
      $1(tr, 'input[name$="_documents"]').getAttribute('value') ?? '',
    ]);
  const buttonsOf = (tr: Element) => $$(tr, 'button').map((b) => b.getAttribute('aria-label'));
  /** Sends the form as a browser would when this button (by its accessible name, else its text) is pressed. */
  const press = (agent: Agent, page: Page, button: string, changes: Record<string, string> = {}) => {
    const pressed = $$(form(page), 'button').find((b) => (b.getAttribute('aria-label') ?? text(b)) === button);
    if (!pressed) throw new Error(`no button "${button}"`);
    const values = { ...formValues(form(page)), ...changes };
    const name = pressed.getAttribute('name');
    return agent.post(form(page).getAttribute('action')!, name ? { ...values, [name]: pressed.getAttribute('value') ?? '' } : values);
  };
  const status = (page: Page) => text($1(page, '[role="status"].editor-status'));
  const focused = (page: Page) => $$(page, '[autofocus]').map((el) => el.getAttribute('aria-label') ?? el.getAttribute('name'));

  it('moves an item up and down without saving, keeping every value typed, saying so, the focus on the moved row', async () => {
    const first = await secretariat.get(editPath(0));
    expect(first.statusCode).toBe(200);
    // An empty agenda: one empty row to fill in, nothing to move it past.
    expect(rows(first)).toEqual([['Item 1', '', '', '']]);
    expect(buttonsOf($1(form(first), 'tbody tr'))).toEqual(['Remove item 1']);
    expect(status(first)).toBe('');
    expect(text($1(form(first), 'label[for="f-items_0_title"]'))).toBe('Title of item 1');
    // Enter in a field presses the form's first button: Save draft, never a move.
    const [defaultButton] = $$(form(first), 'button');
    expect([text(defaultButton), defaultButton!.hasAttribute('name')]).toEqual(['Save draft', false]);

    const typed = {
      items_0_title: 'Opening',
      items_0_description: 'By the chair.',
      items_1_title: 'Contributions',
      items_1_documents: 'FGMV-I-001, FGMV-I-002',
      items_2_title: 'Any other business',
      items_2_description: 'Line one\nline two',
    };
    const up = await secretariat.post(editPath(0), { ...typed, _move: 'up:3' });
    expect(up.statusCode).toBe(200);
    expect(rows(up)).toEqual([
      ['Item 1', 'Opening', 'By the chair.', ''],
      ['Item 2', 'Any other business', 'Line one\nline two', ''],
      ['Item 3', 'Contributions', '', 'FGMV-I-001, FGMV-I-002'],
    ]);
    expect(status(up)).toBe('Item 3 moved up: it is now item 2. Nothing is saved until you press Save draft.');
    expect(focused(up)).toEqual(['Move up item 2']);
    expect($1(up, '[autofocus]').closest('tr')?.getAttribute('id')).toBe('item-row-2');
    const trs = $$(form(up), 'tbody tr');
    expect(buttonsOf(trs[0]!)).toEqual(['Move down item 1', 'Remove item 1']);
    expect(buttonsOf(trs[1]!)).toEqual(['Move up item 2', 'Move down item 2', 'Remove item 2']);
    expect(buttonsOf(trs[2]!)).toEqual(['Move up item 3', 'Remove item 3']);
    expect(await draftRows(0)).toEqual([]);

    // The next press starts from what came back, with a change typed meanwhile.
    const down = await press(secretariat, up, 'Move down item 1', { items_0_title: 'Opening of the meeting' });
    expect(down.statusCode).toBe(200);
    expect(rows(down).map((r) => r[1])).toEqual(['Any other business', 'Opening of the meeting', 'Contributions']);
    expect(status(down)).toContain('Item 1 moved down: it is now item 2.');
    expect(focused(down)).toEqual(['Move down item 2']);
    // At the bottom the focus stays on the row, on the button it still has.
    const last = await press(secretariat, down, 'Move down item 2');
    expect(rows(last).map((r) => r[1])).toEqual(['Any other business', 'Contributions', 'Opening of the meeting']);
    expect(focused(last)).toEqual(['Move up item 3']);
    expect(await draftRows(0)).toEqual([]);

    const saved = await press(secretariat, last, 'Save draft', { items_1_documents: '' }); // no such documents here
    expect(saved.statusCode).toBe(303);
    const [draft] = await draftRows(0);
    expect(draft!.items.map((i) => i.title)).toEqual(['Any other business', 'Contributions', 'Opening of the meeting']);
    expect(draft!.items[0]!.description).toBe('Line one\nline two');
  });

  it('removes and adds rows, saving nothing until Save draft, which stores the new order', async () => {
    const saved = await secretariat.post(editPath(1), { items_0_title: 'A', items_1_title: 'B', items_2_title: 'C' });
    expect(saved.statusCode).toBe(303);
    const start = await secretariat.get(editPath(1));
    expect(rows(start).map((r) => r[1])).toEqual(['A', 'B', 'C', '']);

    const removed = await press(secretariat, start, 'Remove item 2', { items_0_description: 'kept' });
    expect(removed.statusCode).toBe(200);
    expect(rows(removed)).toEqual([
      ['Item 1', 'A', 'kept', ''],
      ['Item 2', 'C', '', ''],
      ['Item 3', '', '', ''],
    ]);
    expect(status(removed)).toContain('Removed item 2.');
    expect(focused(removed)).toEqual(['items_1_title']);

    const added = await press(secretariat, removed, 'Add item');
    expect(rows(added).map((r) => r[1])).toEqual(['A', 'C', '', '']);
    expect(status(added)).toContain('Added item 4: fill in its title.');
    expect(focused(added)).toEqual(['items_3_title']);
    expect((await draftRows(1))[0]!.items.map((i) => i.title)).toEqual(['A', 'B', 'C']);

    // Removing every row leaves the focus on "Add item".
    const one = await secretariat.post(editPath(1), { items_0_title: 'Only', _remove: '1' });
    expect(rows(one)).toEqual([]);
    expect(focused(one)).toEqual(['_add']);

    const done = await press(secretariat, added, 'Save draft', { items_3_title: 'D' });
    expect(done.statusCode).toBe(303);
    expect((await draftRows(1))[0]!.items).toEqual([
      { title: 'A', description: 'kept', documentIds: [] },
      { title: 'C', description: '', documentIds: [] },
      { title: 'D', description: '', documentIds: [] },
    ]);
  });

  it('names the item of each error in the summary, linking to its field, in the reader’s language', async () => {
    const sent = {
      items_0_title: 'Opening',
      items_1_title: '',
      items_1_description: 'A description without a title',
      items_2_title: 'Contributions',
      items_2_documents: 'FGMV-I-999',
    };
    const refused = await secretariat.post(editPath(2), sent);
    expect(refused.statusCode).toBe(422);
    const links = $$(refused, '.error-summary a').map((a) => [a.getAttribute('href'), text(a)]);
    expect(links).toEqual([['#f-items_1_title', 'Title of item 2: Please fill in this field.']]);
    expect($1(refused, '#f-items_1_title').getAttribute('aria-invalid')).toBe('true');
    expect($1(refused, '#f-items_1_title').getAttribute('aria-describedby')).toBe('f-items_1_title-error');
    expect(rows(refused).map((r) => r[1])).toEqual(['Opening', '', 'Contributions']);
    expect(rows(refused)[1]![2]).toBe('A description without a title');

    // Once the titles are there, the service's errors land on the row they belong to.
    const unknown = await secretariat.post(editPath(2), { ...sent, items_1_title: 'Adoption' });
    expect(unknown.statusCode).toBe(422);
    expect($$(unknown, '.error-summary a').map((a) => [a.getAttribute('href'), text(a)])).toEqual([
      ['#f-items_2_documents', 'Documents of item 3: No document has this number: FGMV-I-999.'],
    ]);

    const fr = await secretariat.post(`${editPath(2)}?lang=fr`, sent);
    expect(text($1(fr, '.error-summary a'))).toMatch(/^Titre du point 2 ?: Veuillez/);
    const ar = await secretariat.post(`${editPath(2)}?lang=ar`, sent);
    expect(text($1(ar, '.error-summary a'))).toContain('عنوان البند 2');
    expect(text($1(ar, '.error-summary a'))).toContain('يُرجى ملء هذا الحقل.');
    await secretariat.get('/?lang=en');

    // A button for a row that is not there changes nothing and says so.
    const nowhere = await secretariat.post(editPath(2), { items_0_title: 'Opening', _move: 'up:1' });
    expect(nowhere.statusCode).toBe(422);
    expect(text($1(nowhere, '.error-summary'))).toContain('There is no such row to move or remove.');
    expect(rows(nowhere).map((r) => r[1])).toEqual(['Opening']);
    expect(await draftRows(2)).toEqual([]);
  });

  it('is closed to a delegate and to someone not signed in, whatever the button', async () => {
    const delegate = await signedInPerson(h);
    const fields = { items_0_title: 'Opening', items_1_title: 'Closing' };
    expect((await delegate.agent.get(editPath(2))).statusCode).toBe(403);
    const buttons: Record<string, string>[] = [{ _move: 'down:1' }, { _remove: '1' }, { _add: '1' }, {}];
    for (const button of buttons) {
      const res = await delegate.agent.post(editPath(2), { ...fields, ...button });
      expect(res.statusCode).toBe(403);
      expect($(res, 'form.agenda-editor')).toBeNull();
      expect(res.body).not.toContain('Closing');
    }
    const anonymous = await new Agent(h).post(editPath(2), { ...fields, _move: 'down:1' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
    expect(await draftRows(2)).toEqual([]);
  });
});
