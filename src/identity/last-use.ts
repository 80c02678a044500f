// Writing last-use times on every request would turn each read into a write; a minute is precise enough.
export const LAST_USE_PRECISION_MS = 60_000;
