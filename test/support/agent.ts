import type { LightMyRequestResponse } from 'fastify';
import type { Harness } from './harness.ts';

/** A browser-like client over Fastify inject: keeps cookies and fills in the CSRF field of forms. */
export class Agent {
  private cookies = new Map<string, string>();
  /** `remoteAddress`: the client address the app sees (default 127.0.0.1), for per-client limits. */
  constructor(
    private readonly harness: Harness,
    private readonly remoteAddress?: string,
  ) {}

  private store(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.harness.app.inject({
      method: 'GET',
      url,
      remoteAddress: this.remoteAddress,
      headers: { cookie: this.header(), ...headers },
    });
    this.store(res);
    return res;
  }

  /** Posts a form like a browser would; the CSRF token is added unless `csrf: false`. */
  async post(url: string, form: Record<string, string | string[]>, options: { csrf?: boolean | string } = {}) {
    if (!this.cookies.has('convene_csrf')) await this.get('/login');
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    if (options.csrf !== false) body.set('_csrf', typeof options.csrf === 'string' ? options.csrf : this.cookies.get('convene_csrf')!);
    const res = await this.harness.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      remoteAddress: this.remoteAddress,
      headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    this.store(res);
    return res;
  }

  /** Posts a multipart form with one file, like a browser: the CSRF field first, unless `csrf: false`. */
  async upload(
    url: string,
    fields: Record<string, string | string[]>,
    file: { name: string; content: Uint8Array | string; type?: string } | null,
    options: { csrf?: boolean } = {},
  ) {
    if (!this.cookies.has('convene_csrf')) await this.get('/login');
    const form = new FormData();
    if (options.csrf !== false) form.append('_csrf', this.cookies.get('convene_csrf')!);
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
    if (file) form.append('file', new Blob([file.content as BlobPart], { type: file.type ?? 'application/octet-stream' }), file.name);
    const { payload, contentType } = await multipartBody(form);
    const res = await this.harness.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: this.header(), 'content-type': contentType },
    });
    this.store(res);
    return res;
  }

  /** An API call as the browser's script would make it: JSON, and the CSRF header when signed in by cookie. */
  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, json?: unknown) {
    const headers: Record<string, string> = { cookie: this.header(), 'x-csrf-token': this.cookies.get('convene_csrf') ?? '' };
    if (json !== undefined) headers['content-type'] = 'application/json';
    const res = await this.harness.app.inject({
      method,
      url,
      remoteAddress: this.remoteAddress,
      headers,
      ...(json !== undefined ? { payload: JSON.stringify(json) } : {}),
    });
    this.store(res);
    return res;
  }

  async login(email: string, password: string) {
    const res = await this.post('/login', { email, password, next: '/' });
    if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode}`);
    return res;
  }
}

/** A FormData as the bytes and content type a browser would send. */
export async function multipartBody(form: FormData): Promise<{ payload: Buffer; contentType: string }> {
  const response = new Response(form);
  return { payload: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type')! };
}
