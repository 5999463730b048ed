import { parse as parseSetCookie } from 'cookie';

/**
 * A browser-like HTTP client for tests: keeps cookies, sends the app's Origin, and fetches and
 * sends the CSRF token on state-changing requests, as the web app does.
 */
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class TestClient {
  readonly cookies = new Map<string, string>();
  private csrfToken: string | undefined;

  constructor(
    private readonly baseUrl: string,
    readonly origin: string,
    /** Sent as X-Forwarded-For (honoured when TRUST_PROXY=true), so each client looks like its own device. */
    readonly ip?: string,
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim())) || value === '';
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), parseSetCookie(`${name}=${value}`)[name.trim()] ?? value);
    }
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const unsafe = !['GET', 'HEAD'].includes(method.toUpperCase());
    if (unsafe && !this.csrfToken && !('x-csrf-token' in headers)) {
      const csrf = await this.request<{ csrfToken: string }>('GET', '/api/auth/csrf');
      this.csrfToken = csrf.body.csrfToken;
    }
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        origin: this.origin,
        accept: 'application/json',
        ...(this.ip ? { 'x-forwarded-for': this.ip } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}),
        ...(unsafe && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    this.remember(res.headers);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed && typeof parsed.csrfToken === 'string') {
      this.csrfToken = parsed.csrfToken;
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  patch = <T = any>(path: string, body?: unknown) => this.request<T>('PATCH', path, body ?? {});
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body ?? {});
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);
}
