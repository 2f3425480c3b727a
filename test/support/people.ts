import { createApiToken } from '../../src/modules/accounts/api-tokens.ts';
import { Agent } from './agent.ts';
import { type Harness, makeUser } from './harness.ts';

/** A new verified account, signed in on a browser agent, with an API token's header. */
export async function signedInPerson(h: Harness, profile: Parameters<typeof makeUser>[1] = { category: 'member-state' }) {
  const user = await makeUser(h.ctx, profile);
  const agent = new Agent(h);
  await agent.login(user.email, user.password);
  return { user, agent, auth: { authorization: `Bearer ${await createApiToken(h.ctx, user)}` } };
}
