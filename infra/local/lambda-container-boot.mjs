// A local Lambda container's first module (lambda-containers.ts). tsx registers its TypeScript hooks
// on the main thread only (on Node 20), so the thread registers them itself before its .ts entry.
import { register } from 'tsx/esm/api';

register();
await import('./lambda-container-thread.ts');
