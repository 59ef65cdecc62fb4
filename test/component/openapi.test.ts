// /openapi.json lists every route the server answers (issue 20): fastify's route
// table, read from the running server, against the document's paths and methods.
// HEAD is left out on both sides: fastify answers HEAD for every GET by itself
// (exposeHeadRoutes), with the GET's headers and no body, and OpenAPI describes
// the GET. The SOAP endpoints are in the document (GET for ?wsdl/?xsd, POST for
// the operations). And the role guard answers as the registry says, route by route.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES } from '../../src/operations/operation.ts';
import { HTTP_ROUTES } from '../../src/transport/routes.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * `METHOD /path` of every route fastify answers but HEAD, paths as OpenAPI writes
 * them, from printRoutes' tree: a node's path is its parent's with its own part.
 */
function fastifyRoutes(server: TestServer): Set<string> {
  const printed = server.running.server.app.printRoutes({ commonPrefix: false });
  const routes = new Set<string>();
  const parents: string[] = [];
  for (const line of printed.split('\n')) {
    const node = /^((?:│ {3}| {4})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!node) continue;
    const depth = node[1].length / 4;
    const path = (parents[depth - 1] ?? '') + node[2];
    parents.length = depth;
    parents.push(path);
    for (const method of node[3]?.split(', ') ?? []) if (method !== 'HEAD') routes.add(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return routes;
}

describe('the route registry', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('sqlite');
  });
  after(async () => {
    await server?.close();
  });

  test('when /openapi.json is read, then it lists exactly the routes fastify answers (HEAD aside)', async () => {
    const answered = fastifyRoutes(server);
    const { status, body } = await server.request('GET', '/openapi.json', undefined, { anonymous: true });
    assert.equal(status, 200);
    const documented = new Set<string>();
    for (const [path, methods] of Object.entries(body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(methods)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    assert.ok(answered.size > 50, `fastify's route table read: ${answered.size} routes`);
    assert.deepEqual([...answered].filter((route) => !documented.has(route)), [], 'answered but not documented');
    assert.deepEqual([...documented].filter((route) => !answered.has(route)), [], 'documented but not answered');
    for (const route of ['GET /api/v1/subscriber-accounts/{id}', 'GET /api/v1/audit', 'POST /api/v1/jobs', 'GET /api/v1/jobs/{id}', 'GET /health', 'GET /echo', 'POST /echo']) {
      assert.ok(documented.has(route), route);
    }
  });

  test('when a route of the registry is called, then the role guard answers 401 without credentials, 403 without its roles, neither with them', async () => {
    for (const route of HTTP_ROUTES) {
      if (route.roles === 'open') continue;
      const path = route.path.replace('{id}', 'X-1');
      const anonymous = await server.request(route.method, path, undefined, { anonymous: true });
      assert.equal(anonymous.status, 401, `${route.method} ${path} anonymous`);
      for (const role of ROLES) {
        const { status, body } = await server.request(route.method, path, undefined, { user: role });
        const allowed = role === 'administrator' || route.roles.includes(role);
        if (allowed) assert.ok(status !== 401 && status !== 403, `${route.method} ${path} as ${role}: ${status}`);
        else {
          assert.deepEqual([status, body.code], [403, 'CC-SEC-AUTH-6'], `${route.method} ${path} as ${role}`);
          // the refusal names the resource, as before the registry
          assert.ok(body.detail.endsWith(`: ${route.path.split('/')[3]}`), body.detail);
        }
      }
    }
  });
});
