type Value = string | number;
type Query = Record<string, Value | undefined | null>;

type ParamNames<P extends string> = P extends `${string}:${infer K}/${infer Rest}`
  ? K | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer K}`
    ? K
    : never;

type PathParams<P extends string> = { [K in ParamNames<P>]: Value };

/**
 * An address of the application, typed by its route pattern: the route registers `pattern`, pages and mails
 * link with `path(params)`, so a link names every parameter the route needs and nothing else, and a changed
 * route changes its links with it.
 */
type TypedPath<P extends string> = ([ParamNames<P>] extends [never]
  ? (params?: Record<string, never>, query?: Query) => string
  : (params: PathParams<P>, query?: Query) => string) & { readonly pattern: P };

export function path<P extends string>(pattern: P): TypedPath<P> {
  const build = (params: Record<string, Value> = {}, query: Query = {}) => {
    const filled = pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(params[name])));
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
    const q = search.toString();
    return q ? `${filled}?${q}` : filled;
  };
  return Object.assign(build, { pattern }) as TypedPath<P>;
}
