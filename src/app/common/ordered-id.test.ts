import { describe, expect, it } from 'vitest';
import { newOrderedId } from './secrets.ts';

describe('ids for rows written in bulk', () => {
  it('are UUIDs version 7, distinct, and sort in the order they were made', () => {
    const ids = Array.from({ length: 20_000 }, () => newOrderedId());
    for (const id of ids.slice(0, 50))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
