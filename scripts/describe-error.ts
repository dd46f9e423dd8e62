// One line for any thrown value: never `undefined`, never a stack trace. Errors without a message (a
// rejected promise with no reason, AggregateError from a connection attempt to several addresses, a
// fetch failure whose reason is in `cause`) are described by what they do carry.

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function describeError(err: unknown, depth = 0): string {
  if (err === undefined || err === null) return 'failed without giving a reason';
  if (typeof err === 'string') return oneLine(err) || 'failed without giving a reason';
  if (typeof err === 'number' || typeof err === 'boolean' || typeof err === 'bigint') return `failed with ${err}`;
  if (typeof err === 'symbol') return `failed with ${err.toString()}`;
  if (typeof err === 'function') return `failed with function ${err.name || '(anonymous)'}`;
  const e = err as { message?: unknown; name?: unknown; code?: unknown; errors?: unknown; cause?: unknown };
  const parts: string[] = [];
  const message = typeof e.message === 'string' ? oneLine(e.message) : '';
  if (message) parts.push(message);
  if (depth < 3 && Array.isArray(e.errors) && e.errors.length > 0) {
    const inner = [...new Set(e.errors.map((x) => describeError(x, depth + 1)))];
    parts.push(inner.join('; '));
  }
  if (depth < 3 && e.cause !== undefined && e.cause !== null) {
    const cause = describeError(e.cause, depth + 1);
    if (!parts.some((p) => p.includes(cause))) parts.push(cause);
  }
  const code = typeof e.code === 'string' || typeof e.code === 'number' ? String(e.code) : '';
  if (code && parts.length === 0) return `failed with code ${code}`;
  if (code && !parts.some((p) => p.includes(code))) parts.push(`(${code})`);
  if (parts.length === 0) {
    const name = typeof e.name === 'string' && e.name ? e.name : err.constructor?.name;
    if (name && name !== 'Object') return `${name} without a message`;
    try {
      const json = oneLine(JSON.stringify(err) ?? '');
      return json && json !== '{}' ? json.slice(0, 300) : 'failed without giving a reason';
    } catch {
      return 'failed without giving a reason';
    }
  }
  return parts.join(': ');
}
