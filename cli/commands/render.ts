import {
  chooseStandardVersion,
  evaluateFast,
  loadStandards,
  renderReport,
  today,
} from '../../engine/index.ts';
import { type Io, indexOptions, readJsonFile, standardsDir, writeOutputFile } from '../io.ts';
import { dirFlag, flag, langFlag, noLockFlag, parseCommandLine } from '../options.ts';

/** `norma render`'s command line. */
export const spec = {
  name: 'render',
  usage:
    'norma render <id> [--version v] [--facts f.json [--answers a.json]] [--at date] [--out file.html] [--lang zh|en] [--dir path] [--no-lock]',
  summary: 'a printable HTML report: blank form or summary, or the report of an evaluation',
  flags: {
    version: flag.string('v', 'render this version instead of the one in force'),
    facts: flag.string('f.json', 'render the report of an evaluation on these facts (`-`: standard input)'),
    answers: flag.string('a.json', "a checklist's answers for that evaluation"),
    at: flag.date('the date that chooses the version in force and evaluates (default: today)'),
    out: flag.string('file.html', 'write the HTML to this file (default: standard output)'),
    lang: langFlag,
    dir: dirFlag,
    'no-lock': noLockFlag,
  },
  args: { min: 1, max: 1, missing: 'give the id of the standard to render' },
};

/**
 * `norma render`: a printable HTML report. Without facts: a checklist's blank form, or a summary
 * of any other document. With facts: the report of that evaluation.
 */
export function renderCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseCommandLine(argv, spec);
  const id = positionals[0] as string;
  const index = loadStandards(standardsDir(io, values.dir), undefined, indexOptions(io, values['no-lock']));
  const at = values.at ?? today();
  const doc = chooseStandardVersion(index, id, at, values.version);
  let html: string;
  if (values.facts || values.answers) {
    const facts = values.facts ? readJsonFile(io, values.facts, 'facts') : {};
    const answers = values.answers ? readJsonFile(io, values.answers, 'answers') : undefined;
    const envelope = evaluateFast(doc, { facts, ...(answers !== undefined ? { answers } : {}), at });
    html = renderReport(doc, { envelope, facts, ...(answers !== undefined ? { answers } : {}) }, values.lang);
  } else html = renderReport(doc, undefined, values.lang);
  if (values.out) {
    writeOutputFile(io, values.out, html);
    io.err(`wrote ${values.out}`);
  } else io.out(html);
  return 0;
}
