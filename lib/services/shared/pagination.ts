// Cursor pagination (docs/api.md#conventions: lists answer `"meta": {"next_cursor": …}`). Rows are ordered by
// their ULID id, so the cursor is simply the last id returned; null when there is nothing more.

export const DEFAULT_PAGE_SIZE = 50;

export function pageArgs(query: { cursor?: string; limit?: number }) {
  const take = query.limit ?? DEFAULT_PAGE_SIZE;
  return {
    take: take + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  };
}

export function pageOf<T extends { id: string }>(rows: T[], query: { limit?: number }): { items: T[]; next_cursor: string | null } {
  const take = query.limit ?? DEFAULT_PAGE_SIZE;
  const items = rows.slice(0, take);
  return { items, next_cursor: rows.length > take ? items.at(-1)!.id : null };
}
