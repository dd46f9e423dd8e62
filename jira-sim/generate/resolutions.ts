import type { JsonObject } from '../types';
import type { GenContext } from './context';

const SYSTEM_RESOLUTIONS = [
  { name: 'Done', description: 'Work has been completed on this issue.' },
  { name: "Won't Do", description: 'This issue will not be actioned.' },
  { name: 'Duplicate', description: 'The problem is a duplicate of an existing issue.' },
  { name: 'Cannot Reproduce', description: 'All attempts at reproducing this issue failed.' },
];

const EXTRA_WORDS = ['Fixed', 'Works as Designed', 'Obsolete', 'Out of Scope', 'Incomplete', 'Declined', 'Known Error'];

/** ResolutionJsonBean objects (GET /resolution/search). */
export function buildResolutions(ctx: GenContext, count: number): JsonObject[] {
  const resolutions: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const system = SYSTEM_RESOLUTIONS[i];
    const extra = i - SYSTEM_RESOLUTIONS.length;
    const base = EXTRA_WORDS[extra % EXTRA_WORDS.length] as string;
    const round = Math.floor(extra / EXTRA_WORDS.length);
    const name = system ? system.name : round === 0 ? base : `${base} ${round + 1}`;
    const id = String(10000 + i);
    resolutions.push({
      self: ctx.restUrl(`resolution/${id}`),
      id,
      description: system ? system.description : `${name}.`,
      name,
      default: i === 0,
    });
  }
  return resolutions;
}
