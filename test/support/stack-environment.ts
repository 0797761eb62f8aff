import { inject } from 'vitest';

// Test files talk to the emulators through the same SDK configuration the handlers use.
Object.assign(process.env, inject('stack').env);
