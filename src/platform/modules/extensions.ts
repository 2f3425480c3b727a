import type { AppContext } from '../context.ts';

/**
 * A question one module asks and modules above it answer (who a deadline reminder concerns, say): the asking
 * module defines the point and its input, the answering ones provide from their manifests, so the asker
 * never imports them. The non-page sibling of a slot (platform/ui/slots.ts).
 */
interface ExtensionPoint<I, O> {
  readonly name: string;
  /** Carry the types only. */
  readonly input?: I;
  readonly output?: O;
}

interface Provision<I, O> {
  point: ExtensionPoint<I, O>;
  /** Unique within the point: providing again under the same key replaces the provision. */
  key: string;
  /** Returns null when it has nothing for this input. */
  run: (ctx: AppContext, input: I) => Promise<O | null>;
}

// biome-ignore lint/suspicious/noExplicitAny: a manifest lists provisions for points of any types
export type AnyProvision = Provision<any, any>;

const provisions = new Map<string, Map<string, AnyProvision>>();

export const defineExtensionPoint = <I, O>(name: string): ExtensionPoint<I, O> => ({ name });
export const provide = <I, O>(provision: Provision<I, O>): Provision<I, O> => provision;

export function registerProvision(provision: AnyProvision): void {
  let byKey = provisions.get(provision.point.name);
  if (!byKey) {
    byKey = new Map();
    provisions.set(provision.point.name, byKey);
  }
  byKey.set(provision.key, provision);
}

/** Every provider's answer, in key order, those with none left out; one after the other (they may share a transaction). */
export async function collect<I, O>(point: ExtensionPoint<I, O>, ctx: AppContext, input: I): Promise<O[]> {
  const list = [...(provisions.get(point.name)?.values() ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  const answers: O[] = [];
  for (const provision of list) {
    const answer = (await provision.run(ctx, input)) as O | null;
    if (answer !== null && answer !== undefined) answers.push(answer);
  }
  return answers;
}

/**
 * A mechanism of one module that modules above extend with an implementation of its interface (a part of a
 * registration, say: its input, its checks, its writes in the registration's transaction). The owning module
 * defines the point and the interface; implementations are plugged in from the manifests.
 */
interface PlugPoint<T> {
  readonly name: string;
  /** Carries the type only. */
  readonly type?: T;
}

interface Plug<T> {
  point: PlugPoint<T>;
  /** Unique within the point: plugging in again under the same key replaces the implementation. */
  key: string;
  value: T;
}

// biome-ignore lint/suspicious/noExplicitAny: a manifest lists plugs into points of any interface
export type AnyPlug = Plug<any>;

const plugs = new Map<string, Map<string, AnyPlug>>();

export const definePlugPoint = <T>(name: string): PlugPoint<T> => ({ name });
export const plugInto = <T>(point: PlugPoint<T>, key: string, value: T): Plug<T> => ({ point, key, value });

export function registerPlug(plug: AnyPlug): void {
  let byKey = plugs.get(plug.point.name);
  if (!byKey) {
    byKey = new Map();
    plugs.set(plug.point.name, byKey);
  }
  byKey.set(plug.key, plug);
}

/** The implementations plugged into the point, in key order. */
export function pluggedInto<T>(point: PlugPoint<T>): T[] {
  return [...(plugs.get(point.name)?.values() ?? [])].sort((a, b) => a.key.localeCompare(b.key)).map((p) => p.value as T);
}
