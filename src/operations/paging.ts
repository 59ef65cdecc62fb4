// Paging of the find operations: a window of at most 1000 objects after
// `fromUniqueId` (exclusive); `lastUniqueId` is the last id returned, to send back as
// `fromUniqueId` for the next window; an empty window has none.
import type { SearchFilter } from '../schema/common.ts';
import type { Page } from '../store/port.ts';

export const DEFAULT_WINDOW_SIZE = 100;

export interface Window {
  afterId: string | undefined;
  limit: number;
  countRequired: boolean;
}

export function windowOf(searchFilter: SearchFilter | undefined): Window {
  return {
    afterId: searchFilter?.searchWindow?.fromUniqueId,
    limit: searchFilter?.searchWindow?.windowSize ?? DEFAULT_WINDOW_SIZE,
    countRequired: searchFilter?.totalCountRequired === true,
  };
}

/** The paging fields of a find response. */
export function pagingFields<T>(page: Page<T>, idOf: (row: T) => string, totalCount: number | undefined): { totalCount?: number; lastUniqueId?: string } {
  const fields: { totalCount?: number; lastUniqueId?: string } = {};
  if (totalCount !== undefined) fields.totalCount = totalCount;
  if (page.rows.length > 0) fields.lastUniqueId = idOf(page.rows[page.rows.length - 1]);
  return fields;
}

/** One window of a find by indexed filter, with the paging fields; `count` runs only when asked. */
export async function findWindow<T extends { id: string }>(
  searchFilter: SearchFilter | undefined,
  find: (afterId: string | undefined, limit: number) => Promise<Page<T>>,
  count: () => Promise<number>,
): Promise<{ rows: T[]; totalCount?: number; lastUniqueId?: string }> {
  const window = windowOf(searchFilter);
  const page = await find(window.afterId, window.limit);
  const totalCount = window.countRequired ? await count() : undefined;
  return { rows: page.rows, ...pagingFields(page, (row) => row.id, totalCount) };
}
