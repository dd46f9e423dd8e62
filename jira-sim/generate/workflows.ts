import type { Prng } from '../prng';
import type { JsonObject } from '../types';
import type { GenContext } from './context';
import { projectIdOfScope } from './issue-types';
import type { ProjectPlan } from './projects';
import { perProjectName } from './screens';
import { WORKFLOW_KINDS } from './words';

/** Ids of other objects that workflow rules point at, so every reference resolves on the site. */
export interface WorkflowRefs {
  statuses: JsonObject[];
  screenIds: number[];
  resolutionIds: string[];
  fieldIds: string[];
  roleIds: number[];
}

/** JiraWorkflow objects (GET /workflows/search with expand=values.transitions, POST /workflows). */
export function buildWorkflows(ctx: GenContext, count: number, projects: ProjectPlan[], refs: WorkflowRefs): JsonObject[] {
  const rng = ctx.rng('workflow');
  const workflows: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const system = i === 0;
    const plan = system ? undefined : perProjectName(projects, WORKFLOW_KINDS, i - 1);
    const project = plan?.project.teamManaged ? plan.project : undefined;
    const statuses = chooseStatuses(rng, refs.statuses, project?.id);
    const created = ctx.timestamp(rng);
    const updated = ctx.laterTimestamp(rng, created);
    workflows.push({
      id: rng.uuid(),
      name: system ? 'jira' : (plan?.name as string),
      description: system ? 'The default Jira workflow.' : rng.chance(0.5) ? `Workflow of ${plan?.project.name}.` : '',
      scope: project ? { type: 'PROJECT', project: { id: project.id } } : { type: 'GLOBAL' },
      statuses: statuses.map((status, index) => ({
        statusReference: status['id'] as string,
        layout: { x: 115 + index * 200, y: -16 },
        deprecated: false,
        properties: {},
      })),
      transitions: buildTransitions(rng, statuses, refs),
      startPointLayout: { x: -100, y: -153 },
      isEditable: !system,
      created,
      updated,
      version: { id: rng.uuid(), versionNumber: rng.int(0, 12) },
    });
  }
  return workflows;
}

/** A TODO status first, a DONE status last and a few others between, all visible in the workflow's scope. */
function chooseStatuses(rng: Prng, all: JsonObject[], projectId: string | undefined): JsonObject[] {
  const usable = all.filter((s) => {
    const owner = projectIdOfScope(s);
    return owner === undefined || owner === projectId;
  });
  const byCategory = (category: string) => usable.filter((s) => s['statusCategory'] === category);
  const first = rng.pick(byCategory('TODO').slice(0, 8));
  const last = rng.pick(byCategory('DONE').slice(0, 8));
  const middle = rng.sample(
    usable.filter((s) => s !== first && s !== last),
    rng.int(1, 5),
  );
  return [first, ...middle, last];
}

function buildTransitions(rng: Prng, statuses: JsonObject[], refs: WorkflowRefs): JsonObject[] {
  const transitions: JsonObject[] = [];
  const first = statuses[0] as JsonObject;
  transitions.push(transition('1', 'Create', 'INITIAL', first['id'] as string, [], {}));
  statuses.slice(1).forEach((to, index) => {
    const from = statuses[index] as JsonObject;
    const done = to['statusCategory'] === 'DONE';
    const rules: JsonObject = {};
    if (done) {
      rules['actions'] = [
        { id: rng.uuid(), ruleKey: 'system:update-field', parameters: { field: 'resolution', value: rng.pick(refs.resolutionIds), mode: 'replace' } },
      ];
      rules['transitionScreen'] = { ruleKey: 'system:transition-screen', parameters: { screenId: String(rng.pick(refs.screenIds)) } };
    }
    if (rng.chance(0.3)) {
      rules['validators'] = [
        {
          id: rng.uuid(),
          ruleKey: 'system:validate-field-value',
          parameters: { ruleType: 'fieldRequired', fieldsRequired: rng.pick(refs.fieldIds), ignoreContext: 'true', errorMessage: '' },
        },
      ];
    }
    if (rng.chance(0.3)) {
      rules['conditions'] = {
        operation: 'ALL',
        conditions: [{ id: rng.uuid(), ruleKey: 'system:restrict-issue-transition', parameters: { roleIds: String(rng.pick(refs.roleIds)) } }],
        conditionGroups: [],
      };
    }
    const links = [{ fromStatusReference: from['id'] as string, fromPort: 0, toPort: 1 }];
    transitions.push(transition(String((index + 1) * 10 + 1), `Move to ${to['name'] as string}`, 'DIRECTED', to['id'] as string, links, rules));
  });
  // Real workflows usually let any status jump back to the start.
  if (rng.chance(0.5)) {
    transitions.push(transition(String(statuses.length * 10 + 1), `Back to ${first['name'] as string}`, 'GLOBAL', first['id'] as string, [], {}));
  }
  return transitions;
}

function transition(id: string, name: string, type: string, to: string, links: JsonObject[], rules: JsonObject): JsonObject {
  return {
    id,
    name,
    description: '',
    type,
    toStatusReference: to,
    links,
    actions: [],
    validators: [],
    triggers: [],
    properties: {},
    ...rules,
  };
}
