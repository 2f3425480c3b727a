import { describe, expect, it } from 'vitest';
import type { AppContext } from './context.ts';
import type { Tx } from './db/index.ts';
import { defineEvent, emit, handlerCount, on } from './events.ts';

// Handlers only pass ctx and tx through; stand-ins are enough to check the mechanism.
const ctx = {} as AppContext;
const tx = {} as Tx;

describe('domain events', () => {
  it('runs every handler in subscription order with the transaction and payload, once per subscription', async () => {
    const changed = defineEvent<{ id: number }>('test.changed');
    const seen: string[] = [];
    const first = async (_c: AppContext, t: Tx, p: { id: number }) => {
      expect(t).toBe(tx);
      seen.push(`first ${p.id}`);
    };
    const offFirst = on(changed, first);
    on(changed, first); // wired twice (app and worker): still once
    const offSecond = on(changed, async (_c, _t, p) => {
      seen.push(`second ${p.id}`);
    });
    expect(handlerCount(changed)).toBe(2);
    await emit(ctx, tx, changed, { id: 7 });
    expect(seen).toEqual(['first 7', 'second 7']);
    offFirst();
    offSecond();
    await emit(ctx, tx, changed, { id: 8 });
    expect(seen).toHaveLength(2);
    expect(handlerCount(changed)).toBe(0);
  });

  it('fails the emitter (and so its transaction) when a handler fails, without running the later ones', async () => {
    const failing = defineEvent<null>('test.failing');
    let later = false;
    const off = [
      on(failing, async () => {
        throw new Error('handler refused');
      }),
      on(failing, async () => {
        later = true;
      }),
    ];
    await expect(emit(ctx, tx, failing, null)).rejects.toThrow('handler refused');
    expect(later).toBe(false);
    for (const f of off) f();
  });

  it('emits to nobody without subscribers', async () => {
    await expect(emit(ctx, tx, defineEvent<number>('test.unheard'), 1)).resolves.toBeUndefined();
  });
});
