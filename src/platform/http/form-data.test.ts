import { describe, expect, it } from 'vitest';
import { flattenForm, formFieldOf, unflattenForm } from './form-data.ts';

describe('form data', () => {
  it('nests flat field names and drops transport fields', () => {
    expect(
      unflattenForm({
        _csrf: 'x',
        code: 'FG-MV',
        name_en: 'Metaverse',
        name_zh: '元宇宙',
        sessions_1_subgroup: 'WG6',
        sessions_0_subgroup: 'WG5',
        __proto__x: 'y',
      }),
    ).toEqual({ code: 'FG-MV', name: { en: 'Metaverse', zh: '元宇宙' }, sessions: [{ subgroup: 'WG5' }, { subgroup: 'WG6' }] });
  });

  it('refuses prototype paths', () => {
    const out = unflattenForm({ constructor_prototype_polluted: 'yes' });
    expect(out).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('round-trips with flattenForm', () => {
    const nested = { venue: { timeZone: 'Europe/Zurich' }, deadlines: { registration: '2023-04-21' } };
    expect(unflattenForm(flattenForm(nested))).toEqual(nested);
    expect(formFieldOf('sessions.0.endDate')).toBe('sessions_0_endDate');
  });
});
