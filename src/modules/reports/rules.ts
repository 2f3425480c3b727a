/** Tallies `rows` by `key`, each counting `weight` (1 unless told), most first, then by key: the report's tables of figures. */
export function countBy<T>(
  rows: readonly T[],
  key: (row: T) => string,
  weight: (row: T) => number = () => 1,
): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + weight(row));
  return [...counts].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
