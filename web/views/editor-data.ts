/** What the editor page embeds for its client module (web/client/editor.ts reads the same shape). */
export interface EditorData {
  id: string;
  folder: string;
  inForce: string | null;
  facts: string[];
  outputs: string[];
  operators: string[];
  today: string;
  messages: Record<string, string>;
}
