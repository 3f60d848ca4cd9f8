// vitest runs outside Next's bundler, where the real `server-only` would throw on import.
export {};
