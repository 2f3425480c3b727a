import type { FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { AppContext } from '../context.ts';

/**
 * A place on one module's page where other modules show their part (the meeting page's sections, the group
 * page's lists, the console menu). The module that owns the page defines the slot and its props; a module
 * above it fills the slot from its manifest, so the page's module never imports the ones that fill it.
 */
interface Slot<P, R = ComponentChildren> {
  readonly name: string;
  /** Carries the types only. */
  readonly props?: P;
  readonly result?: R;
}

interface SlotFill<P, R = ComponentChildren> {
  slot: Slot<P, R>;
  /** Unique within the slot: filling it again under the same key replaces the fill. */
  key: string;
  /** Where the part goes among the slot's fills, lowest first. */
  order: number;
  render: (ctx: AppContext, req: FastifyRequest, props: P) => Promise<R | null> | R | null;
}

// biome-ignore lint/suspicious/noExplicitAny: a manifest lists fills of slots of any props
export type AnySlotFill = SlotFill<any, any>;

const fills = new Map<string, Map<string, AnySlotFill>>();

export function defineSlot<P, R = ComponentChildren>(name: string): Slot<P, R> {
  return { name };
}

export const fillSlot = <P, R>(fill: SlotFill<P, R>): SlotFill<P, R> => fill;

export function registerSlotFill(fill: AnySlotFill): void {
  let byKey = fills.get(fill.slot.name);
  if (!byKey) {
    byKey = new Map();
    fills.set(fill.slot.name, byKey);
  }
  byKey.set(fill.key, fill);
}

/** Every fill's part, in order, those with nothing to show left out; the fills run concurrently. */
export async function renderSlot<P, R>(
  slot: Slot<P, R>,
  ctx: AppContext,
  req: FastifyRequest,
  props: P,
): Promise<{ key: string; part: R }[]> {
  const list = [...(fills.get(slot.name)?.values() ?? [])].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
  const parts = await Promise.all(list.map((fill) => fill.render(ctx, req, props) as Promise<R | null> | R | null));
  return parts.flatMap((part, i) => (part === null || part === undefined ? [] : [{ key: list[i]!.key, part }]));
}
