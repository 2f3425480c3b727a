import { describe, expect, it } from 'vitest';
import { applyEditorAction, type EditorRow, editorAction, editorRows, formFieldFor, itemsToSave, rowFields } from './editor-rows.ts';

const row = (title: string, description = '', documents = ''): EditorRow => ({ title, description, documents });
const titles = (rows: readonly EditorRow[] | undefined) => rows?.map((r) => r.title);

describe('editor rows', () => {
  it('reads the rows in the order of their indices, however sparse, and writes them back from 0', () => {
    const rows = editorRows({
      items_7_title: 'Seven',
      items_2_title: 'Two',
      items_2_documents: ['A', 'B'],
      _csrf: 'x',
      items_x_title: 'no',
    });
    expect(rows).toEqual([row('Two', '', 'A B'), row('Seven')]);
    expect(rowFields(rows)).toEqual({
      items_0_title: 'Two',
      items_0_description: '',
      items_0_documents: 'A B',
      items_1_title: 'Seven',
      items_1_description: '',
      items_1_documents: '',
    });
  });

  it.each([
    [{ _move: 'up:3' }, { kind: 'up', number: 3 }],
    [{ _move: 'down:1' }, { kind: 'down', number: 1 }],
    [{ _move: 'sideways:1' }, { kind: 'up', number: 0 }],
    [{ _remove: '2' }, { kind: 'remove', number: 2 }],
    [{ _remove: 'all' }, { kind: 'remove', number: 0 }],
    [{ _add: '1' }, { kind: 'add' }],
    [{}, null],
  ])('the buttons %j ask for %j', (fields, action) => {
    expect(editorAction(fields)).toEqual(action);
  });
});

describe('editor actions, nothing saved', () => {
  const rows = [row('A', 'a'), row('B'), row('C', '', 'FGMV-I-001')];

  it('moves a row up, keeping every value, the focus on its Move up while it is not first', () => {
    const up = applyEditorAction(rows, { kind: 'up', number: 3 });
    expect(up?.rows).toEqual([row('A', 'a'), row('C', '', 'FGMV-I-001'), row('B')]);
    expect(up?.status).toEqual({ key: 'agenda.status.movedUp', params: { from: 3, to: 2 } });
    expect(up?.focus).toEqual({ number: 2, control: 'up' });
    expect(applyEditorAction(rows, { kind: 'up', number: 2 })?.focus).toEqual({ number: 1, control: 'down' });
  });

  it('moves a row down; the last row then has the focus on Move up', () => {
    const down = applyEditorAction(rows, { kind: 'down', number: 1 });
    expect(titles(down?.rows)).toEqual(['B', 'A', 'C']);
    expect(down?.focus).toEqual({ number: 2, control: 'down' });
    expect(applyEditorAction(rows, { kind: 'down', number: 2 })?.focus).toEqual({ number: 3, control: 'up' });
  });

  it('removes a row, the focus on the one that takes its place, or on "Add item" when none is left', () => {
    expect(titles(applyEditorAction(rows, { kind: 'remove', number: 2 })?.rows)).toEqual(['A', 'C']);
    expect(applyEditorAction(rows, { kind: 'remove', number: 3 })?.focus).toEqual({ number: 2, control: 'title' });
    expect(applyEditorAction([row('A')], { kind: 'remove', number: 1 })).toMatchObject({ rows: [], focus: { control: 'add' } });
  });

  it('adds an empty row at the end, the focus on its title', () => {
    const added = applyEditorAction(rows, { kind: 'add' });
    expect(added?.rows).toHaveLength(4);
    expect(added?.focus).toEqual({ number: 4, control: 'title' });
    expect(added?.status).toEqual({ key: 'agenda.status.added', params: { n: 4 } });
  });

  it.each([
    { kind: 'up', number: 1 },
    { kind: 'down', number: 3 },
    { kind: 'remove', number: 0 },
    { kind: 'up', number: 9 },
  ] as const)('refuses %j: there is no such move', (action) => {
    expect(applyEditorAction(rows, action)).toBeNull();
  });
});

describe('items to save', () => {
  it('leaves empty rows out, in order, and remembers where each item came from', () => {
    const result = itemsToSave([row(' Opening ', ' text '), row('  '), row('Close', '', 'fgmv-i-001, FGMV-TD-002')]);
    expect(result.errors).toEqual([]);
    expect(result.items).toEqual([
      { title: 'Opening', description: 'text', documents: [] },
      { title: 'Close', description: '', documents: ['FGMV-I-001', 'FGMV-TD-002'] },
    ]);
    expect(result.rowOf).toEqual([0, 2]);
  });

  it('names the title of a row that has other content but no title', () => {
    expect(itemsToSave([row('A'), row('', 'a description')]).errors).toEqual([{ field: 'items_1_title', message: 'error.required' }]);
  });

  it.each([
    ['items.1.documents', [4, 0], 'items_0_documents'],
    ['items.0.title', [4, 0], 'items_4_title'],
    ['items.9.title', [4, 0], 'items_9_title'],
    ['items', [4, 0], 'items'],
  ])('error path %s on rows %j is the form field %s', (path, rowOf, field) => {
    expect(formFieldFor(path, rowOf)).toBe(field);
  });
});
