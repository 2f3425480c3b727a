/**
 * HTML forms are flat; service inputs are nested. Field names join the path with "_":
 * "name_en" ↔ { name: { en } }, "sessions_0_startDate" ↔ { sessions: [{ startDate }] }.
 * Keys starting with "_" (such as _csrf) are transport, not data.
 */
export function unflattenForm(body: Record<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('_') || key === '__proto__') continue;
    const path = key.split('_');
    if (path.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) continue;
    let node: Record<string, unknown> = root;
    path.forEach((segment, i) => {
      if (i === path.length - 1) {
        node[segment] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(path[i + 1]!);
      if (typeof node[segment] !== 'object' || node[segment] === null) node[segment] = nextIsIndex ? [] : {};
      node = node[segment] as Record<string, unknown>;
    });
  }
  return compactArrays(root) as Record<string, unknown>;
}

function compactArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compactArrays);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactArrays(v)]));
  }
  return value;
}

export function flattenForm(value: unknown, prefix = ''): Record<string, unknown> {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date) {
    return prefix ? { [prefix]: value } : {};
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) Object.assign(out, flattenForm(v, prefix ? `${prefix}_${k}` : k));
  return out;
}

/** A service's error path ("sessions.0.subgroup") as the form field's name. */
export const formFieldOf = (path: string) => path.replace(/\./g, '_');
