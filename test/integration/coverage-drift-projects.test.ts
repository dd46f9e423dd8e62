// One change of each type of the projects group in jira-sim, made through its admin API, shows as
// drift of exactly that object with the right JSON pointer, after real snapshots and a real scan.
import type { DriftEvent } from '../../client/drift-reads';
import {
  driftEventsAfter,
  expectEachChange,
  expectNothingElse,
  startCoverageDrift,
  type CoverageDrift,
  type ExpectedDrift,
  type SimObject,
} from '../support/coverage-drift';

let ctx: CoverageDrift;
let events: DriftEvent[];
const expected: ExpectedDrift[] = [];

beforeAll(async () => {
  ctx = await startCoverageDrift({ name: 'projects', seed: 43 });
  const { sim, objects, patch, tenant } = ctx;
  // A category no project carries yet: renaming one that projects carry is drift of those projects too
  // (GET /project/search embeds the category), as in Jira.
  const category = await sim<SimObject>('POST', `/admin/sites/${tenant.cloudId}/objects/projectcategory`, { name: 'Research' });
  const before = await ctx.snap('2026-08-01T00:00:00Z');

  await patch('projectcategory', category.id, { description: 'Changed by the drift test.' });
  expected.push({ key: `projectcategory/${category.id}`, change: 'modified', paths: ['/description'] });

  const [component] = await objects('component');
  await patch('component', component!.id, { assigneeType: 'UNASSIGNED', description: 'Changed by the drift test.' });
  const componentPaths = component!['assigneeType'] === 'UNASSIGNED' ? ['/description'] : ['/assigneeType', '/description'];
  expected.push({ key: `component/${String(component!['projectId'])}:${component!.id}`, change: 'modified', paths: componentPaths });

  const versions = await objects('version');
  const [version] = versions;
  await patch('version', version!.id, { name: `${String(version!['name'])} (renamed)` });
  expected.push({ key: `version/${String(version!['projectId'])}:${version!.id}`, change: 'modified', paths: ['/name'] });

  // Moving a version in its project's release sequence: it and the versions it passes change place.
  const byProject = new Map<string, SimObject[]>();
  for (const v of versions) byProject.set(String(v['projectId']), [...(byProject.get(String(v['projectId'])) ?? []), v]);
  const sequence = [...byProject.entries()].find(([projectId, own]) => own.length >= 3 && projectId !== String(version!['projectId']))!;
  const [first, second, third] = [...sequence[1]].sort((a, b) => Number(a['sequence']) - Number(b['sequence']));
  await patch('version', third!.id, { sequence: 0 });
  for (const v of [first!, second!, third!]) expected.push({ key: `version/${sequence[0]}:${v.id}`, change: 'modified', paths: ['/position'] });

  // A company-managed project moved to another workflow scheme and permission scheme.
  const associations = await objects('projectschemes');
  const moved = associations.find((a) => a['issueTypeSchemeId'] !== null)!;
  const workflowSchemes = await objects('workflowscheme');
  const permissionSchemes = await objects('permissionscheme');
  const otherWorkflow = workflowSchemes.find((w) => String(w.id) !== String(moved['workflowSchemeId']) && w['name'] !== 'Default Workflow Scheme')!;
  const otherPermission = permissionSchemes.find((p) => String(p.id) !== String(moved['permissionSchemeId']))!;
  await patch('projectschemes', moved.id, { workflowSchemeId: otherWorkflow.id, permissionSchemeId: otherPermission.id });
  expected.push({ key: `projectschemes/${moved.id}`, change: 'modified', paths: ['/workflowSchemeId', '/permissionSchemeId'] });

  // Someone else holds a role in one project (the role's default actors and other projects unchanged).
  const [held] = await objects('projectroleactors');
  const newcomer = { type: 'atlassian-user-role-actor', displayName: 'Drift Test', actorUser: { accountId: '5b10a2844c20165700ede0ff' } };
  await patch('projectroleactors', held!.id, { actors: [...(held!['actors'] as unknown[]), newcomer] });
  expected.push({ key: `projectroleactors/${held!.id}`, change: 'modified', paths: ['/actors'] });

  events = await driftEventsAfter(ctx, before, await ctx.snap('2026-08-01T01:00:00Z'));
});

afterAll(async () => {
  await ctx?.close();
});

test('each change of the projects group is drift of that object, with its pointer', () => expectEachChange(events, expected));

test('nothing else changed', () => expectNothingElse(events, expected));
