import type { JsonObject } from '../types';
import type { GenContext } from './context';

const SYSTEM_PRIORITIES = [
  { name: 'Highest', color: '#d04437', icon: 'highest', description: 'This problem will block progress.' },
  { name: 'High', color: '#f15C75', icon: 'high', description: 'Serious problem that could block progress.' },
  { name: 'Medium', color: '#f79232', icon: 'medium', description: 'Has the potential to affect progress.' },
  { name: 'Low', color: '#707070', icon: 'low', description: 'Minor problem or easily worked around.' },
  { name: 'Lowest', color: '#999999', icon: 'lowest', description: 'Trivial problem with little or no impact on progress.' },
];

export function buildPriorities(ctx: GenContext, count: number): JsonObject[] {
  const rng = ctx.rng('priority');
  const priorities: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const system = SYSTEM_PRIORITIES[i];
    const id = system ? String(i + 1) : String(10000 + i);
    const name = system ? system.name : `P${i - SYSTEM_PRIORITIES.length} - ${rng.pick(['Critical', 'Urgent', 'Normal', 'Minor'])}`;
    priorities.push({
      self: ctx.restUrl(`priority/${id}`),
      statusColor: system ? system.color : `#${rng.hex(6)}`,
      description: system ? system.description : `${name} priority.`,
      iconUrl: `${ctx.siteUrl}/images/icons/priorities/${system ? system.icon : 'medium'}.svg`,
      name,
      id,
      isDefault: system?.name === 'Medium',
      avatarId: 10000 + rng.int(0, 20),
    });
  }
  return priorities;
}
