/** What the editor page embeds for its client module (web/client/editor.ts reads the same shape). */
export interface EditorData {
  id: string;
  folder: string;
  inForce: string | null;
  facts: string[];
  outputs: string[];
  operators: string[];
  today: string;
  /** How many of the latest recorded decisions the draft is replayed on; null when nothing is recorded. */
  recordedLast: number | null;
  messages: Record<string, string>;
}
