/** The client modules bundled into web/static/. */
export const entries: string[];
/** Builds every client module and the stylesheet into web/static/. */
export function buildWeb(options?: { quiet?: boolean }): Promise<void>;
