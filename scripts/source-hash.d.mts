/** sha-256 over every input of the build (paths and bytes); null when an input is missing. */
export function sourceHash(root: string): string | null;
