// A worker thread does not inherit the parent's module loader: load the TypeScript worker
// through tsx, as `npm start` loads the server.
import { tsImport } from 'tsx/esm/api';

await tsImport('./compile-worker.ts', import.meta.url);
