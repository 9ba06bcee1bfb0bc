/**
 * The records schema as numbered migrations, applied in order at open (records/migrate.ts). A
 * released migration is never edited: a change is a new file with the next number.
 */
import { decisions } from './001-decisions.ts';
import { cases } from './002-cases.ts';
import { evidence } from './003-evidence.ts';

/** One step of the schema: statements run in one transaction with the row that records it. */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

/** Every migration, in version order. */
export const MIGRATIONS: readonly Migration[] = [decisions, cases, evidence];
