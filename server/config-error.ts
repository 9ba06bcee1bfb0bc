/** A configuration mistake, reported at start with the variable to fix. */
export class ConfigError extends Error {}
