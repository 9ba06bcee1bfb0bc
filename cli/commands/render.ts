import {
  checkHeading,
  chooseStandardVersion,
  evaluateFast,
  loadStandards,
  NormaError,
  type RenderOptions,
  type ReportHeading,
  renderReport,
  today,
} from '../../engine/index.ts';
import { type Io, indexOptions, readJsonFile, standardsDir, writeOutputFile } from '../io.ts';
import { dirFlag, flag, langFlag, noLockFlag, parseCommandLine } from '../options.ts';

/** `norma render`'s command line. */
export const spec = {
  name: 'render',
  usage:
    'norma render <id> [--version v] [--facts f.json [--answers a.json]] [--heading h.json] [--statement customer|internal] [--lang zh|en] [--fonts embed|link|none] [--at date] [--out file.html] [--dir path] [--no-lock]',
  summary: 'a printable HTML report: blank form or summary, or the report of an evaluation',
  flags: {
    version: flag.string('v', 'render this version instead of the one in force'),
    facts: flag.string('f.json', 'render the report of an evaluation on these facts (`-`: standard input)'),
    answers: flag.string('a.json', "a checklist's answers for that evaluation"),
    heading: flag.string(
      'h.json',
      'what identifies the report: work order, VIN, plate, mileage, technician, customer, the repairer (docs/reports.md)',
    ),
    statement: flag.choice(
      ['customer', 'internal'],
      "a fee schedule's statement: the customer's 结算清单 (default) or the internal one with cost and markup",
    ),
    fonts: flag.choice(
      ['embed', 'link', 'none'],
      'the Chinese font: embedded subsets so the file prints anywhere (default), links to a norma server’s /static/fonts/, or none',
    ),
    at: flag.date('the date that chooses the version in force and evaluates (default: today)'),
    out: flag.string('file.html', 'write the HTML to this file (default: standard output)'),
    lang: langFlag,
    dir: dirFlag,
    'no-lock': noLockFlag,
  },
  args: { min: 1, max: 1, missing: 'give the id of the standard to render' },
};

/** A heading file, checked against the heading's schema (`heading_invalid`). */
function headingOf(raw: unknown): ReportHeading {
  const heading = checkHeading(raw);
  if (heading instanceof NormaError) throw heading;
  return heading;
}

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
  const heading = values.heading ? headingOf(readJsonFile(io, values.heading, 'heading')) : undefined;
  const options: RenderOptions = {
    fonts: values.fonts ?? 'embed',
    ...(values.lang ? { lang: values.lang } : {}),
    ...(values.statement ? { statement: values.statement } : {}),
    ...(heading ? { heading } : {}),
  };
  let html: string;
  if (values.facts || values.answers) {
    const facts = values.facts ? readJsonFile(io, values.facts, 'facts') : {};
    const answers = values.answers ? readJsonFile(io, values.answers, 'answers') : undefined;
    const envelope = evaluateFast(doc, { facts, ...(answers !== undefined ? { answers } : {}), at });
    html = renderReport(doc, { envelope, facts, ...(answers !== undefined ? { answers } : {}) }, options);
  } else html = renderReport(doc, undefined, options);
  if (values.out) {
    writeOutputFile(io, values.out, html);
    io.err(`wrote ${values.out}`);
  } else io.out(html);
  return 0;
}
