import { expect } from 'vitest';
import type { AnyRoute } from '../../server/platform/http/route.ts';
import type { TestClient } from './client.ts';

/**
 * For every user route with an id parameter, user B must get 404 for user A's resource.
 * `resources` maps "METHOD /path" to a function that creates A's resource and returns the
 * route's path parameters. A route with no entry fails the check, so every issue that adds a
 * route with an id must add its entry here.
 */
export type ResourceFactories = Record<string, (owner: TestClient) => Promise<Record<string, string>>>;

export async function expectCrossUserIsolation(options: { routes: AnyRoute[]; owner: TestClient; intruder: TestClient; resources: ResourceFactories; sampleBodies?: Record<string, unknown> }) {
  const withIds = options.routes.filter((r) => r.auth === 'user' && /:[A-Za-z]/.test(r.path));
  const key = (r: AnyRoute) => `${r.method.toUpperCase()} ${r.path}`;
  const missing = withIds.map(key).filter((k) => !options.resources[k]);
  expect(missing, 'routes with an id parameter but no cross-user check').toEqual([]);
  for (const route of withIds) {
    const params = await options.resources[key(route)]!(options.owner);
    const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      const value = params[name];
      if (!value) throw new Error(`${key(route)}: the factory gave no "${name}"`);
      return value;
    });
    const res = await options.intruder.request(route.method.toUpperCase(), path, route.method === 'get' ? undefined : (options.sampleBodies?.[key(route)] ?? {}));
    expect(res.status, `${key(route)} as another user`).toBe(404);
    expect(res.body?.error?.code, `${key(route)} as another user`).toBe('NOT_FOUND');
  }
}
