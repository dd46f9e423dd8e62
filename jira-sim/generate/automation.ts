import type { Prng } from '../prng';
import type { Json, JsonObject } from '../types';
import type { GenContext } from './context';
import type { ProjectPlan } from './projects';

/*
 * Jira automation rules as the Automation REST API's "get rule" returns them (jira-sim/README.md): a
 * trigger, then components in execution order (conditions, actions, branches and if/else blocks that
 * nest their own), owner, actor, labels, scope. Every fourth rule sends a web request whose URL and
 * `Authorization` header carry secrets, so a snapshot has secrets to hide. Stored with `id` = the
 * rule's UUID and its scope as project ids (`scopeProjectIds`): the view renders the scope as ARIs,
 * which hold the site's cloud id, unknown to a generator.
 */

const TOPICS = ['Triage', 'Escalate', 'Close stale', 'Sync', 'Notify', 'Assign', 'Label', 'Link', 'Clean up', 'Remind'];
const LABELS = ['ops', 'triage', 'sla', 'sync', 'housekeeping', 'notifications'];
const HOOK_HOSTS = ['hooks.slack.com', 'ops.example.com', 'ci.example.org', 'chat.example.net'];

const MINUTE_SECONDS = 60;

export function buildAutomationRules(ctx: GenContext, count: number, refs: { projects: ProjectPlan[]; statusIds: string[] }): JsonObject[] {
  const rng = ctx.rng('automationrule');
  const rules: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const uuid = rng.uuid();
    const author = rng.pick(ctx.users);
    const actor = rng.chance(0.7) ? author : rng.pick(ctx.users);
    const projects = rng.chance(0.3) ? [] : rng.sample(refs.projects, rng.int(1, Math.min(3, refs.projects.length)));
    const created = Date.parse(ctx.timestamp(rng).replace('+0000', 'Z')) / 1000 + rng.int(0, 999) / 1000;
    const components = [condition(rng, projects), ...actions(rng, refs.statusIds, i % 4 === 1)];
    rules.push({
      id: uuid,
      uuid,
      name: `${rng.pick(TOPICS)} rule ${i + 1}`,
      description: rng.chance(0.6) ? `Keeps ${rng.pick(TOPICS).toLowerCase()} work moving.` : '',
      state: rng.chance(0.85) ? 'ENABLED' : 'DISABLED',
      created,
      updated: created + rng.int(0, 400) * 24 * 60 * MINUTE_SECONDS,
      authorAccountId: author.accountId,
      actor: { type: 'ACCOUNT_ID', actor: actor.accountId },
      canOtherRuleTrigger: rng.chance(0.2),
      notifyOnError: rng.pick(['FIRSTERROR', 'ALWAYS', 'NEVER']),
      writeAccessType: rng.pick(['OWNER_ONLY', 'UNRESTRICTED']),
      collaborators: rng.sample(ctx.users, rng.int(0, 2)).map((u) => u.accountId),
      labels: rng.sample(LABELS, rng.int(0, 2)),
      scopeProjectIds: projects.map((p) => p.id),
      trigger: trigger(rng),
      components,
      connections: [],
    });
  }
  return rules;
}

function component(
  rng: Prng,
  kind: string,
  type: string,
  value: Json,
  nested: { children?: JsonObject[]; conditions?: JsonObject[] } = {},
): JsonObject {
  return {
    id: String(rng.int(100_000, 999_999)),
    component: kind,
    schemaVersion: 1,
    type,
    value,
    children: nested.children ?? [],
    conditions: nested.conditions ?? [],
    optimisedIds: [],
    newComponent: false,
  };
}

function trigger(rng: Prng): JsonObject {
  switch (rng.int(0, 3)) {
    case 0:
      return component(rng, 'TRIGGER', 'jira.issue.event.trigger:created', { eventKey: 'jira:issue_created', issueEvent: 'issue_created' });
    case 1:
      return component(rng, 'TRIGGER', 'jira.issue.event.trigger:transitioned', { fromStatus: [], toStatus: [] });
    case 2:
      return component(rng, 'TRIGGER', 'jira.scheduled.trigger', { scheduleConfig: { expression: `0 0 ${rng.int(6, 18)} ? * MON-FRI` } });
    default:
      return component(rng, 'TRIGGER', 'jira.manual.trigger.issue', { groups: [] });
  }
}

function condition(rng: Prng, projects: ProjectPlan[]): JsonObject {
  const scope = projects.length > 0 ? `project in (${projects.map((p) => p.key).join(', ')}) AND ` : '';
  return component(rng, 'CONDITION', 'jira.jql.condition', `${scope}issuetype = ${rng.pick(['Bug', 'Task', 'Story'])}`);
}

function actions(rng: Prng, statusIds: string[], withWebRequest: boolean): JsonObject[] {
  const list: JsonObject[] = [
    component(rng, 'ACTION', 'jira.issue.transition', { destinationStatus: { type: 'ID', value: rng.pick(statusIds) } }),
    component(rng, 'ACTION', 'jira.issue.comment', { comment: 'Moved by automation.', publicComment: rng.chance(0.5), sendNotifications: false }),
  ];
  if (rng.chance(0.4)) {
    // A branch over the sub-tasks, with its own action: the nesting order matters as much as the top level.
    list.push(
      component(
        rng,
        'BRANCH',
        'jira.issue.related',
        { relatedType: 'sub-tasks' },
        { children: [component(rng, 'ACTION', 'codebarrel.action.log', 'Sub-task {{issue.key}}')] },
      ),
    );
  }
  if (withWebRequest) list.push(webRequest(rng));
  return list;
}

/** "Send web request": the URL holds a token (in the path or the query) and the Authorization header a bearer token. */
function webRequest(rng: Prng): JsonObject {
  const host = rng.pick(HOOK_HOSTS);
  const url =
    host === 'hooks.slack.com'
      ? `https://${host}/services/T${rng.hex(8)}/B${rng.hex(8)}/${rng.hex(24)}`
      : `https://${host}/v1/events?token=${rng.hex(20)}`;
  const value: JsonObject = {
    url,
    method: 'POST',
    headers: [
      { id: '_header_auth', name: 'Authorization', value: { keyOrValue: `Bearer ${rng.hex(32)}`, secret: true } },
      { id: '_header_type', name: 'Content-Type', value: { keyOrValue: 'application/json', secret: false } },
    ],
    sendIssue: false,
    contentType: 'custom',
    customBody: '{"issue":"{{issue.key}}","status":"{{issue.status.name}}"}',
    responseEnabled: rng.chance(0.3),
    usedSecretsKeys: [],
  };
  return { ...component(rng, 'ACTION', 'jira.issue.outgoing.webhook', value), schemaVersion: 2 };
}
