// The WSDL names of every service (src/operations/services.ts) are the ones
// docs/soap.md lists, real or inferred, and the inferred ones follow SAP CC's pattern.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SERVICES, SERVICE_NAMES } from '../../src/operations/services.ts';

const DOC = new URL('../../docs/soap.md', import.meta.url);

/** The rows of docs/soap.md's "WSDL names" table, by service. */
function documentedNames(): Map<string, string[]> {
  const text = readFileSync(DOC, 'utf8');
  const section = text.slice(text.indexOf('### WSDL names'));
  const rows = section
    .slice(0, section.indexOf('\n\n', section.indexOf('| service |')))
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| service |'));
  return new Map(
    rows.map((row) => {
      const cells = row
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replaceAll('`', ''));
      return [cells[0]!.replace(/ \(v3\)$/, ''), cells.slice(1)];
    }),
  );
}

test('when docs/soap.md lists the WSDL names, then every service is there with the names it serves', () => {
  const documented = documentedNames();
  assert.deepEqual([...documented.keys()].sort(), [...SERVICE_NAMES].sort());
  for (const name of SERVICE_NAMES) {
    const names = SERVICES[name].wsdl;
    const parts = names.requestPart === names.responsePart ? names.requestPart : `${names.requestPart}/${names.responsePart}`;
    const [service, port, portType, binding, partCell, action, source] = documented.get(name)!;
    assert.deepEqual(
      [service, port, portType, binding, partCell, action, source!.startsWith('real')],
      [names.service, names.port, names.portType, names.binding, parts, names.soapAction === 'operation' ? 'operation' : 'empty', names.real],
      name,
    );
  }
});

test('when a service has no real WSDL to follow, then its names follow SAP CC\'s pattern', () => {
  for (const name of SERVICE_NAMES) {
    const names = SERVICES[name].wsdl;
    assert.equal(names.service, name);
    assert.equal(names.port, `${name}Port`);
    assert.equal(names.binding, `${names.portType}Binding`);
    if (names.real) continue;
    assert.equal(names.portType, `${name.charAt(0).toUpperCase()}${name.slice(1)}Services`, name);
    assert.deepEqual([names.requestPart, names.responsePart, names.soapAction], ['request', 'response', 'operation'], name);
  }
});
