import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StandardsHolder } from './holder.ts';
import { memoryLogger } from './log.ts';
import { watchStandards } from './reload.ts';
import { copyTestdata, eventually } from './testing.ts';

const DRAFT = 'rules/routing.job/2.0.0.yaml';

describe('watching the standards directory', () => {
  it.each([
    ['a recursive watch', {}],
    ['a rescan timer', { pollMs: 40 }],
  ])('reloads a broken edit and a removal with %s', async (_name, options) => {
    const copy = copyTestdata();
    const holder = StandardsHolder.load(copy.dir);
    const logger = memoryLogger();
    const watcher = watchStandards(holder, logger, { debounceMs: 20, ...options });
    try {
      const first = holder.index;
      writeFileSync(join(copy.dir, DRAFT), 'kind: ruleset\nid: [broken\n');
      await eventually('the broken edit', () => (holder.index !== first ? true : undefined));
      expect(holder.index.files.get(DRAFT)?.lastGood?.version).toBe('2.0.0');
      expect(logger.records.some((r) => r.msg === 'broken edit; the last good version keeps serving')).toBe(
        true,
      );

      rmSync(join(copy.dir, DRAFT));
      await eventually('the removal', () => (holder.index.files.has(DRAFT) ? undefined : true));
      expect(holder.index.documents.get('routing.job')?.map((d) => d.version)).toEqual(['1.0.0']);
    } finally {
      watcher.close();
      copy.remove();
    }
  });

  it('does not swap the index when nothing changed', () => {
    const copy = copyTestdata();
    try {
      const holder = StandardsHolder.load(copy.dir);
      const before = holder.index;
      expect(holder.reload()).toEqual({ changed: false, broken: [], fixed: [] });
      expect(holder.index).toBe(before);
      expect(holder.reloads).toBe(0);
    } finally {
      copy.remove();
    }
  });
});
