/** Ordering of object ids the way Jira lists them by default: numeric ids numerically, others naturally. */
export function compareIds(a: string, b: string): number {
  const aNum = /^\d+$/.test(a);
  const bNum = /^\d+$/.test(b);
  if (aNum && bNum) return Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);
  if (aNum !== bNum) return aNum ? -1 : 1;
  // "customfield_10010" after "customfield_9999": compare the text prefix, then the trailing number.
  const aMatch = /^(.*?)(\d+)$/.exec(a);
  const bMatch = /^(.*?)(\d+)$/.exec(b);
  if (aMatch && bMatch && aMatch[1] === bMatch[1]) return Number(aMatch[2]) - Number(bMatch[2]);
  return a < b ? -1 : a > b ? 1 : 0;
}
