/** Editing in the editor page's CodeMirror with the keyboard, as a person would (for the browser suites). */
import type { Page } from 'playwright-core';

/** Puts the cursor at the end of line `n` with the editor's "go to line" (Ctrl+Alt+G), as a person would. */
export async function toLine(page: Page, n: number): Promise<void> {
  await page.locator('.cm-content').focus();
  await page.keyboard.press('Control+Alt+g');
  const input = page.locator('.cm-goto-line input[name=line]');
  await input.fill(String(n));
  await input.press('Enter');
  // The dialog closes without giving focus back: the cursor is where it said, the focus is not.
  await page.locator('.cm-content').focus();
  await page.keyboard.press('End');
}

/** Replaces line `n` of the editor with `text`, typing it. */
export async function replaceLine(page: Page, n: number, text: string): Promise<void> {
  await toLine(page, n);
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Shift+Home');
  // Deleted first: Chromium's own replace-the-selection path would try an inline style, which the CSP
  // refuses (harmlessly: CodeMirror redraws from its state).
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(text);
}
