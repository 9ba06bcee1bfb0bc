/**
 * The web pages' messages: the engine's one catalogue (engine/i18n/catalogue.ts), re-exported
 * so pages keep their imports. Imported from the catalogue's own module, not engine/index.ts, so
 * a client bundle that needs messages does not pull in the engine.
 */
export {
  isMessageKey,
  type MessageKey,
  message,
  messagesFor,
} from '../engine/i18n/catalogue.ts';
export { type Lang, langs } from '../engine/i18n/lang.ts';
