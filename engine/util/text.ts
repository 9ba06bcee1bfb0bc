/** How messages and hints write the values they talk about. */

// A value quoted in a message is cut after this many characters: messages stay one short line.
const MAX_QUOTED = 60;

/**
 * A value as YAML flow text, the way a document would write it: `service-manager`, `5000`,
 * `null`, `[a, b]`, `{"a":1}`; cut short with `…` when long. Never `[object Object]`.
 */
export function inlineValue(v: unknown): string {
  const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
}

/** A value in backticks, for messages: `` `service-manager` ``, `` `{"a":1}` ``. */
export function quoted(v: unknown): string {
  return `\`${inlineValue(v)}\``;
}

/** A list of values in backticks, comma-separated. */
export function quotedList(values: readonly unknown[]): string {
  return values.map(quoted).join(', ');
}
