import { describe, expect, it } from 'vitest';
import type { HttpRoute } from '../../adapters/adapter.ts';
import { routeTable } from '../../src/http/http-server.ts';

const route = (path: string, method?: HttpRoute['method']): HttpRoute => ({
  method,
  path,
  handler: () => {},
});
const routes = [
  route('/healthz', 'GET'),
  route('/api/ask', 'POST'),
  route('/api/reviews', 'GET'),
  route('/api/reviews/:reviewId', 'GET'),
  route('/api/reviews/:reviewId/resolve', 'POST'),
  route('/api/dashboard', 'GET'),
  route('/api/*'),
  route('/assets/*', 'GET'),
  route('/', 'GET'),
];
const table = routeTable(routes);
const hit = (method: string, path: string) => {
  const found = table.match(method, path);
  return found && { path: found.route.path, params: found.match.params, other: found.match.otherMethods() };
};

describe('the one router', () => {
  it('matches static paths before named segments before prefixes, by method', () => {
    expect(hit('GET', '/healthz')).toEqual({ path: '/healthz', params: {}, other: [] });
    expect(hit('GET', '/api/dashboard')?.path).toBe('/api/dashboard');
    expect(hit('GET', '/api/reviews/abc')).toEqual({
      path: '/api/reviews/:reviewId',
      params: { reviewId: 'abc' },
      other: [],
    });
    expect(hit('POST', '/api/reviews/abc/resolve')?.params).toEqual({ reviewId: 'abc' });
    expect(hit('GET', '/assets/app.js')?.params).toEqual({ '*': 'app.js' });
    expect(hit('GET', '/')?.path).toBe('/');
  });

  it('no route for the method is a miss (the listener answers 404), unless a catch-all takes it', () => {
    expect(hit('POST', '/healthz')).toBeNull();
    expect(hit('HEAD', '/healthz')).toBeNull();
    expect(hit('GET', '/healthz/')).toBeNull();
    expect(hit('GET', '/nope')).toBeNull();
    expect(hit('POST', '/assets/app.js')).toBeNull();
    // A catch-all learns which other methods the path has (its 405), never counting itself.
    expect(hit('GET', '/api/ask')).toEqual({ path: '/api/*', params: { '*': 'ask' }, other: ['POST'] });
    expect(hit('DELETE', '/api/reviews/abc')?.other).toEqual(['GET']);
    expect(hit('GET', '/api/nothing-here')?.other).toEqual([]);
  });

  it('a prefix /x/* also answers /x itself', () => {
    expect(hit('GET', '/api')?.path).toBe('/api/*');
    expect(hit('PUT', '/api/')?.path).toBe('/api/*');
  });

  it('hands segments over as sent: malformed escapes never fail the lookup, %2F never splits a segment', () => {
    expect(hit('GET', '/api/reviews/%E0%A4%A')?.params).toEqual({ reviewId: '%E0%A4%A' });
    expect(hit('POST', '/api/reviews/a%2Fb/resolve')?.params).toEqual({ reviewId: 'a%2Fb' });
    expect(hit('GET', '/api/reviews/a%2Fb/resolve')?.other).toEqual(['POST']);
    expect(hit('GET', '/api/reviews/%25')?.params).toEqual({ reviewId: '%25' });
    expect(hit('GET', '/heal%74hz')).toBeNull();
    expect(hit('GET', '/assets/..%2Fsecret')?.params).toEqual({ '*': '..%2Fsecret' });
    const long = 'a'.repeat(5000);
    expect(hit('GET', `/api/reviews/${long}`)?.params).toEqual({ reviewId: long });
  });

  it('refuses two routes for the same method and path', () => {
    expect(() => routeTable([route('/x', 'GET'), route('/x', 'GET')])).toThrow();
  });
});
