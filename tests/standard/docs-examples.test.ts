/**
 * Every sample command of docs/standard.md, run as a reader would run it (the CLI, from the
 * repository), must give the result of the test it was made from, on any day: each command pins
 * the version and the evaluation date, so no sample ages (a safety check with an extinguisher
 * inspected on 2026-02-20 failed a month later when the command left the date to today).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { captureIo } from '../../cli/testing.ts';
import { bundledStandardsDir, loadStandards } from '../../engine/index.ts';
import { partialMatch } from '../../engine/util/match.ts';

const page = readFileSync(join(bundledStandardsDir, 'docs/standard.md'), 'utf8');
const commands = [...page.matchAll(/^npx norma eval (\S+) (.*?)\s+# (.*)$/gm)].map((m) => ({
  id: m[1] as string,
  argv: (m[2] as string).split(/\s+/),
  name: m[3] as string,
}));
const index = loadStandards(bundledStandardsDir);

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
}

describe('the sample commands of docs/standard.md', () => {
  it('are one per document', () => {
    expect(commands.map((c) => c.id).sort()).toEqual([...index.documents.keys()].sort());
  });

  it.each(commands.map((c) => [c.id, c] as const))(
    '%s pins its date and gives its test’s result',
    async (id, c) => {
      const at = option(c.argv, '--at');
      expect(at, 'the command gives --at').toBeDefined();
      const versions = index.documents.get(id) ?? [];
      const latest = versions.at(-1);
      const history = option(c.argv, '--history');
      const version = history
        ? (
            JSON.parse(readFileSync(join(bundledStandardsDir, history), 'utf8')) as {
              process: { version: string };
            }
          ).process.version
        : option(c.argv, '--version');
      expect(version, 'the command evaluates the newest version').toBe(latest?.version);
      const tests = (latest?.data.tests ?? []) as Array<{ name: string; at?: string; expect: unknown }>;
      const test = tests[0];
      expect(c.name).toBe(test?.name);
      if (test?.at) expect(at).toBe(test.at);
      const io = captureIo({ cwd: bundledStandardsDir });
      const code = await main(['eval', id, ...c.argv, ...(history ? ['--json'] : [])], io);
      expect(io.stderr.join('\n')).toBe('');
      expect(code).toBe(0);
      const envelope = JSON.parse(io.stdout.join('\n')) as { at: string; result: unknown };
      expect(envelope.at).toBe(at);
      expect(partialMatch(envelope.result, test?.expect)).toEqual([]);
    },
  );
});
