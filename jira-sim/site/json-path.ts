import type { Json } from '../types';

/**
 * Resolves "permissions", "transitions.0.validators" or the JSON-pointer form "/transitions/0/validators"
 * inside a value. Returns undefined when any step is missing.
 */
export function resolvePath(root: Json, path: string): Json | undefined {
  const steps = path.startsWith('/')
    ? path
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    : path.split('.');
  let current: Json | undefined = root;
  for (const step of steps) {
    if (step === '') continue;
    if (Array.isArray(current)) current = current[Number(step)];
    else if (current !== null && typeof current === 'object') current = current[step];
    else return undefined;
  }
  return current;
}
