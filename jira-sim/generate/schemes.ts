import type { JsonObject } from '../types';
import type { GenContext } from './context';
import { projectIdOfScope } from './issue-types';
import type { ProjectPlan } from './projects';
import { perProjectName } from './screens';

const ISSUE_TYPE_SCHEME_KINDS = ['Scrum Issue Type Scheme', 'Kanban Issue Type Scheme', 'Bug Tracking Issue Type Scheme'];
const WORKFLOW_SCHEME_KINDS = ['Software Simplified Workflow Scheme', 'Workflow Scheme', 'Service Management Workflow Scheme'];

export interface IssueTypeSchemes {
  schemes: JsonObject[];
  /** Issue type ids in each scheme, in order (also stored on the scheme as `issueTypeIds`, served by /issuetypescheme/mapping). */
  members: Map<string, string[]>;
}

function isGlobal(object: JsonObject): boolean {
  return projectIdOfScope(object) === undefined;
}

/** Schemes exist for company-managed projects only; fall back to all projects on sites without any. */
function classicProjects(projects: ProjectPlan[]): ProjectPlan[] {
  const classic = projects.filter((p) => !p.teamManaged);
  return classic.length > 0 ? classic : projects;
}

export function buildIssueTypeSchemes(ctx: GenContext, count: number, projects: ProjectPlan[], issueTypes: JsonObject[]): IssueTypeSchemes {
  const rng = ctx.rng('issuetypescheme');
  const globalIds = issueTypes.filter(isGlobal).map((t) => t['id'] as string);
  const standardIds = issueTypes.filter((t) => isGlobal(t) && t['hierarchyLevel'] !== -1).map((t) => t['id'] as string);
  const owners = classicProjects(projects);
  const schemes: JsonObject[] = [];
  const members = new Map<string, string[]>();
  for (let i = 0; i < count; i++) {
    const id = String(10000 + i);
    if (i === 0) {
      schemes.push({
        id,
        name: 'Default Issue Type Scheme',
        description:
          'Default issue type scheme is the list of global issue types. All newly created issue types will automatically be added to this scheme.',
        isDefault: true,
        issueTypeIds: globalIds,
      });
      members.set(id, globalIds);
      continue;
    }
    const { name } = perProjectName(owners, ISSUE_TYPE_SCHEME_KINDS, i - 1);
    const chosen = rng.sample(standardIds, rng.int(2, Math.min(6, standardIds.length)));
    const scheme: JsonObject = { id, name, description: rng.chance(0.5) ? `Issue types of ${name.split(':')[0]}.` : '', isDefault: false };
    if (rng.chance(0.8)) scheme['defaultIssueTypeId'] = rng.pick(chosen);
    scheme['issueTypeIds'] = chosen;
    schemes.push(scheme);
    members.set(id, chosen);
  }
  return { schemes, members };
}

export function buildWorkflowSchemes(
  ctx: GenContext,
  count: number,
  projects: ProjectPlan[],
  issueTypes: JsonObject[],
  workflows: JsonObject[],
): JsonObject[] {
  const rng = ctx.rng('workflowscheme');
  const typeIds = issueTypes.filter(isGlobal).map((t) => t['id'] as string);
  const workflowNames = workflows.filter(isGlobal).map((w) => w['name'] as string);
  const owners = classicProjects(projects);
  const schemes: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const id = 10000 + i;
    const self = ctx.restUrl(`workflowscheme/${id}`);
    if (i === 0) {
      schemes.push({
        id,
        name: 'Default Workflow Scheme',
        description: 'The default workflow scheme.',
        defaultWorkflow: 'jira',
        issueTypeMappings: {},
        self,
      });
      continue;
    }
    const { name } = perProjectName(owners, WORKFLOW_SCHEME_KINDS, i - 1);
    const issueTypeMappings: JsonObject = {};
    for (const typeId of rng.sample(typeIds, rng.int(0, 3))) issueTypeMappings[typeId] = rng.pick(workflowNames);
    schemes.push({
      id,
      name,
      description: rng.chance(0.5) ? `Workflows of ${name.split(':')[0]}.` : '',
      defaultWorkflow: rng.pick(workflowNames),
      issueTypeMappings,
      self,
    });
  }
  return schemes;
}
