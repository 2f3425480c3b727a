/** Whether a value (from a query string, a form, a stored row) is one of a vocabulary's values. */
export const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);
