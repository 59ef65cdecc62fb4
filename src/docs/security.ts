// docs/security.md, generated from the operation registry and the registry of the
// other HTTP routes (src/transport/routes.ts) (SPEC 3.5): who may call what, what
// is idempotent and audited, and how to run Convergent securely.
import { OPERATIONS } from '../operations/registry.ts';
import { SERVICES } from '../operations/services.ts';
import { ROLES, type Operation } from '../operations/operation.ts';
import { DEFAULT_THROTTLE } from '../operations/throttle.ts';
import { operationPath } from '../transport/json/routes.ts';
import { HTTP_ROUTES } from '../transport/routes.ts';
import type { HttpRoute } from '../transport/http/routes.ts';
import { DEFAULT_IDEMPOTENCY } from '../transport/json/idempotency.ts';

const ROLE_MEANING: Record<(typeof ROLES)[number], string> = {
  administrator: 'everything, and users (on the command line)',
  provisioning: 'accounts, contracts, tables, operational status, and their reads',
  migration: 'customer data export and import, contract state, bulk files, prepaid balances',
  rerating: 'recharging locks and charging',
  charging: 'charging only',
  reader: 'reads, finds, lookups and echo',
  auditor: 'the audit log',
};

const rolesOf = (roles: readonly string[]): string => ['administrator', ...roles].map((r) => `\`${r}\``).join(', ');

function operationRow(op: Operation): string {
  const idempotent = op.idempotent ? 'yes' : op.batchOf ? 'no (as its items)' : 'no';
  const audited = op.access === 'write' ? `yes (${op.auditDomain})` : 'no (read)';
  return `| ${SERVICES[op.service].endpoint} | \`${op.name}\` | \`POST ${operationPath(op)}\` | ${rolesOf(op.roles)} | ${op.access} | ${idempotent} | ${audited} |`;
}

const SOAP_TAG = 'soap';

function routeRow(route: HttpRoute): string {
  return `| \`${route.method} ${route.path}\` | ${route.summary} | ${route.roles === 'open' ? 'none' : rolesOf(route.roles)} |`;
}

/** The routes without credentials, as the Authentication section lists them. */
function openRoutes(): string {
  const open = HTTP_ROUTES.filter((route) => route.roles === 'open' && route.security === undefined && route.tag !== SOAP_TAG);
  return [...open.map((route) => `\`${route.path}\``), 'WSDLs and XSDs (`<endpoint>?wsdl`, `?xsd=`)'].join(', ');
}

const seconds = (ms: number): string => `${ms / 1000} s`;

export function securityMarkdown(): string {
  const t = DEFAULT_THROTTLE;
  const lines = [
    '# Security',
    '',
    'Generated from the operation registry (src/operations/registry.ts) and the registry of the other',
    'HTTP routes (src/transport/routes.ts) by `npm run docs` (src/docs/security.ts); do not edit by hand.',
    'Decisions behind it: docs/trust.md.',
    '',
    '## Authentication',
    '',
    '- **SOAP**: WS-Security UsernameToken with PasswordText in the SOAP header.',
    '- **JSON**: HTTP Basic, or `Authorization: Bearer <token>` with a token from',
    '  `convergent user token NAME` (printed once; the store keeps only its SHA-256).',
    '- No or wrong credentials: HTTP 401 `CC-SEC-AUTH-100` / SOAP Fault. A user without the',
    '  role of the operation: HTTP 403 `CC-SEC-AUTH-6` / SOAP Fault.',
    `- Without credentials: ${openRoutes()}.`,
    '- Passwords are stored as scrypt hashes. A verified password is remembered for 30 s, so a',
    '  changed password or a removed user takes effect at once in the process that made the',
    '  change and within 30 s in running servers; a token is looked up on every request, so a',
    '  revoked token (or its removed user) is refused from the next request on.',
    `- **Login throttling**, per client address: ${t.freeFailures} failed authentications cost nothing;`,
    `  after that every attempt from the address (that is not a password already verified and`,
    `  remembered) waits its turn, turns spaced ${t.baseDelayMs} ms after the next failure, doubling with`,
    `  each one up to ${seconds(t.maxDelayMs)}. An attempt that would wait more than ${seconds(t.maxWaitMs)} is refused at once:`,
    '  HTTP 429 `CC-SEC-AUTH-106` with `Retry-After` / SOAP Fault. An address is forgiven after',
    `  ${t.windowMs / 60_000} minutes without failures. Every failed authentication is audited (operation`,
    '  `authenticate`, the user name tried, the address).',
    '',
    '## Roles',
    '',
    '| role | may |',
    '|---|---|',
    ...ROLES.map((role) => `| \`${role}\` | ${ROLE_MEANING[role]} |`),
    '',
    '## Operations',
    '',
    'Every operation on SOAP (at the service endpoint) and on JSON. *Idempotent*: resending',
    'leaves the same final state (SPEC 3.4); every JSON POST also honours `Idempotency-Key`, which',
    'makes any operation safe to retry. *Audited*: each call leaves one audit record, success or',
    'failure (validation and role refusals included); reads leave none.',
    '',
    '| SOAP endpoint | operation | JSON | roles | access | idempotent | audited |',
    '|---|---|---|---|---|---|---|',
    ...OPERATIONS.map(operationRow),
    '',
    '## Other endpoints',
    '',
    'Every other route the server answers (`/openapi.json` describes each with its parameters and',
    'answers). A user without the role: HTTP 403 `CC-SEC-AUTH-6` naming the resource.',
    '',
    '| endpoint | what | roles |',
    '|---|---|---|',
    ...HTTP_ROUTES.filter((route) => route.tag !== SOAP_TAG).map(routeRow),
    '| `GET <endpoint>` (SOAP) | WSDL (`?wsdl`) and XSDs (`?xsd=service.xsd`, `?xsd=common.xsd`) | none |',
    '| `POST <endpoint>` (SOAP) | the operations above, WS-Security in the envelope | per operation |',
    '',
    '## Idempotency-Key',
    '',
    `A JSON POST with \`Idempotency-Key: <1 to 255 visible ASCII characters>\` runs once per key and`,
    `user; its response is kept for ${DEFAULT_IDEMPOTENCY.ttlMs / 3600_000} h (\`serve --idempotency-ttl HOURS\`) and replayed byte for byte`,
    'with `Idempotent-Replayed: true`. The same key with another method, path or body: 422',
    `\`IDEMPOTENCY-101\`. A duplicate arriving while the first is running waits up to ${seconds(DEFAULT_IDEMPOTENCY.waitMs)} for its`,
    'response, then gets 409 `IDEMPOTENCY-102`. Temporary and technical failures (HTTP 5xx) are',
    'not kept: resending runs the request again.',
    '',
    '## Audit log',
    '',
    'Every write, over SOAP, JSON or the command line (user management, catalog load, bulk',
    'imports), records time, user, operation, object ids, outcome, error code, channel and',
    "address. A success is recorded in the write's own transaction; a failure after the",
    'rollback. `GET /api/v1/audit?user=&operation=&object_id=&from=&to=&order=asc|desc&page_size=&page_token=`',
    '(`from` inclusive, `to` exclusive, `YYYY-MM-DDThh:mm:ss` UTC) and `convergent audit` read it.',
    '',
    '## Deploying behind TLS',
    '',
    '- Serve HTTPS directly: `convergent serve --tls-cert cert.pem --tls-key key.pem` (PEM files;',
    '  the key readable by the service user only). SOAP, JSON and the console are then served over',
    '  TLS only, on the one port; WSDLs name `https://` endpoints. A new certificate takes effect',
    '  at the next start: restart instances one at a time behind the load balancer.',
    '- Or terminate TLS at a reverse proxy and bind Convergent to a private address',
    '  (`--host 127.0.0.1` or an internal interface). Set `CONVERGENT_TRUST_PROXY` to the',
    "  proxy's addresses (comma-separated; `true` trusts any) so that throttling and the audit",
    '  log see the client address from `X-Forwarded-For` instead of the proxy\'s.',
    '- Never send Basic credentials or tokens over plain HTTP outside the host.',
    '',
    '## Rotating the admin password',
    '',
    '```sh',
    "printf '%s\\n' \"$NEW_PASSWORD\" | convergent user password admin --password-stdin --db URL",
    '```',
    '',
    'Without `--password-stdin` a random password is generated and printed once. It works with',
    'the server running: the old password is refused at once by new processes and within 30 s by',
    'running servers (cached verifications expire). Then delete `<data dir>/initial-admin-password`',
    'if the first start generated one. Rather than sharing the admin password, give each system a',
    'user with the roles it needs, or a token (`convergent user token NAME`,',
    '`convergent user token list`, `convergent user token revoke ID`). The change is audited',
    '(`userPasswordChange`).',
  ];
  return `${lines.join('\n')}\n`;
}
