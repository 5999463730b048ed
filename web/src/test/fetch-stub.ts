import { vi } from 'vitest';

export interface StubCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** `body` is sent as JSON; `text` as it is (e.g. a proxy's HTML error page). */
type Reply = { status?: number; body?: unknown; text?: string; headers?: Record<string, string> };
type Handler = (call: StubCall) => Reply | undefined;

/**
 * Replaces the browser's fetch with a list of handlers tried in order (first answer wins).
 * Unhandled calls fail the test loudly. Returns the calls made, for assertions.
 */
export function stubFetch(...handlers: Handler[]): StubCall[] {
  const calls: StubCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
      const call: StubCall = {
        method: (init.method ?? 'GET').toUpperCase(),
        path: String(input),
        headers,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      };
      calls.push(call);
      for (const handler of handlers) {
        const reply = handler(call);
        if (reply) {
          const status = reply.status ?? 200;
          const text = reply.text ?? (reply.body === undefined ? null : JSON.stringify(reply.body));
          const type = reply.text !== undefined ? 'text/html' : 'application/json';
          return new Response(status === 204 ? null : text, { status, headers: { 'Content-Type': type, ...reply.headers } });
        }
      }
      throw new Error(`unexpected request ${call.method} ${call.path}`);
    }),
  );
  return calls;
}

/** A handler for one method and path (string equality, or a RegExp). */
export const on =
  (method: string, path: string | RegExp, reply: Reply | ((call: StubCall) => Reply)): Handler =>
  (call) =>
    call.method === method && (typeof path === 'string' ? call.path === path : path.test(call.path)) ? (typeof reply === 'function' ? reply(call) : reply) : undefined;

export const apiError = (status: number, code: string, message: string, details?: Record<string, unknown>, headers?: Record<string, string>): Reply => ({
  status,
  body: { error: { code, message, requestId: 'req-1', ...(details ? { details } : {}) } },
  ...(headers ? { headers } : {}),
});

export const me = {
  id: '6f1c2a52-7c1f-4b8e-9d55-2f0c1a9b0e11',
  email: 'asha@example.org',
  name: 'Asha Patel',
  role: 'clinician' as const,
  profession: 'doctor' as const,
  homeNation: 'england' as const,
  timeZone: 'Europe/London',
  emailVerified: true,
  twoFactorEnabled: false,
  recoveryCodesRemaining: 0,
  processingRestricted: false,
  organisations: [],
  createdAt: '2026-01-01T00:00:00.000Z',
};
