// The registry as the corpus sees it: operations by name and their JSON paths.
import { OPERATIONS } from '../../src/operations/registry.ts';
import type { Operation } from '../../src/operations/operation.ts';
import { operationPath } from '../../src/transport/json/routes.ts';

export const findOperationByName = (name: string): Operation | undefined => OPERATIONS.find((op) => op.name === name);

export function jsonPathOf(name: string): string {
  const op = findOperationByName(name);
  if (!op) throw new Error(`no operation ${name}`);
  return operationPath(op);
}
