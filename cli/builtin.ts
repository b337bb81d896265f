import { createRequire } from 'node:module';

/**
 * Loads a Node built-in on first use, for those only some runs need (`node:zlib` for staged
 * files, `node:crypto` once a key is found, `node:worker_threads` for a large tree): each one
 * Node's start-up has not loaded already costs 2 to 5 ms, and a pre-commit hook's whole scan
 * takes only about 60 ms past that start-up.
 */
export const requireBuiltin = createRequire(import.meta.url);
