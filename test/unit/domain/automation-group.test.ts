// Automation rules: the UUID key, what is dropped (timestamps, editor ids) and kept (owner, actor,
// component order), the sets (labels, scope, collaborators, connections; property test), and the keyed
// hashing of every secret a rule holds: never stored in clear, a changed secret still drift.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { redactRuleSecrets, SECRET_MARK } from '../../../domain/catalogue/automation-secrets';
import { CONFIG_CATALOGUE } from '../../../domain/config-catalogue';
import { toConfigObject } from '../../../domain/config-object';
import { changedPaths } from '../../../domain/json-pointer-diff';
import { seededRandom, shuffleTree } from './tree-helpers';

const hasher = (key: string) => (value: string) => createHmac('sha256', key).update(value).digest('hex');
const tenantA = hasher('tenant-a-key');

const SECRETS = {
  bearer: 'Bearer 7f3c9a1e0b5d4c2a8e6f1a3b5c7d9e0f',
  slackPath: 'T0123/B0456/xoxbsecretpathpart',
  queryToken: 'q-token-1234',
  apiKey: 'k3y',
  marked: 'marked-secret-value',
  userInfo: 'svc:hunter2',
};

const WEB_REQUEST = {
  id: '1000002',
  component: 'ACTION',
  schemaVersion: 2,
  type: 'jira.issue.outgoing.webhook',
  value: {
    url: `https://ops.example.com/v1/events?token=${SECRETS.queryToken}`,
    method: 'POST',
    headers: [
      { id: '_header_auth', name: 'Authorization', value: { keyOrValue: SECRETS.bearer, secret: true } },
      { name: 'X-Api-Key', value: SECRETS.apiKey },
      { id: '_header_type', name: 'Content-Type', value: { keyOrValue: 'application/json', secret: false } },
    ],
    customBody: '{"issue":"{{issue.key}}"}',
    usedSecretsKeys: [],
  },
  children: [],
  conditions: [],
  optimisedIds: [],
  newComponent: false,
};

const RULE = {
  uuid: '0192e5ac-0e25-71de-ba7b-d972e6a2049a',
  name: 'Escalate blockers',
  description: 'Tell the on-call channel',
  state: 'ENABLED',
  created: 1743568964.174,
  updated: 1743568999.5,
  authorAccountId: '5b10ac8d82e05b22cc7d4ef5',
  actor: { type: 'ACCOUNT_ID', actor: '5b10ac8d82e05b22cc7d4ef5' },
  canOtherRuleTrigger: false,
  notifyOnError: 'FIRSTERROR',
  writeAccessType: 'OWNER_ONLY',
  collaborators: ['557058:f58131cb', '5b10ac8d82e05b22cc7d4ef5'],
  labels: ['ops', 'sla', 'triage'],
  ruleScopeARIs: ['ari:cloud:jira:c1:project/10001', 'ari:cloud:jira:c1:project/10002'],
  trigger: {
    id: '1000000',
    component: 'TRIGGER',
    schemaVersion: 1,
    type: 'jira.issue.event.trigger:created',
    value: {},
    children: [],
    conditions: [],
  },
  components: [
    {
      id: '1000001',
      component: 'CONDITION',
      schemaVersion: 1,
      type: 'jira.jql.condition',
      value: 'priority = Blocker',
      children: [],
      conditions: [],
    },
    WEB_REQUEST,
    {
      id: '1000003',
      component: 'BRANCH',
      schemaVersion: 1,
      type: 'jira.issue.related',
      value: { relatedType: 'sub-tasks' },
      children: [
        {
          id: '1000004',
          parentId: '1000003',
          component: 'ACTION',
          schemaVersion: 1,
          type: 'jira.issue.outgoing.webhook',
          value: { url: `https://${SECRETS.userInfo}@hooks.slack.com/services/${SECRETS.slackPath}`, webhookToken: SECRETS.marked, headers: [] },
          children: [],
          conditions: [],
        },
      ],
      conditions: [],
    },
  ],
  connections: [
    { id: 'conn-2', type: 'slack' },
    { id: 'conn-1', type: 'http' },
  ],
};

const rule = (patch: Record<string, unknown> = {}) => ({ ...structuredClone(RULE), ...patch });
const object = (raw: unknown, hash = tenantA) => toConfigObject('automationrule', raw, hash);

describe('key and normalisation', () => {
  it('is keyed by the rule UUID; a rule without a usable one is refused', () => {
    expect(object(RULE).key).toBe('automationrule/0192e5ac-0e25-71de-ba7b-d972e6a2049a');
    expect(() => object(rule({ uuid: undefined }))).toThrow('automationrule: object has no usable "id"');
    expect(() => object(rule({ uuid: 'a/b' }))).toThrow('automationrule');
    expect(() => object('not a rule')).toThrow('automationrule');
  });

  it('drops timestamps and rule editor ids, keeps owner, actor and every setting', () => {
    const canonical = object(RULE).canonical as Record<string, any>;
    expect(canonical['created']).toBeUndefined();
    expect(canonical['updated']).toBeUndefined();
    expect(canonical['trigger']['id']).toBeUndefined();
    expect(canonical['components'].map((c: any) => c.id)).toEqual([undefined, undefined, undefined]);
    expect(canonical['components'][1]['optimisedIds']).toBeUndefined();
    expect(canonical['components'][2]['children'][0]).not.toHaveProperty('parentId');
    expect(canonical['components'][2]['children'][0]).not.toHaveProperty('id');
    expect([canonical['authorAccountId'], canonical['actor'], canonical['notifyOnError']]).toEqual([RULE.authorAccountId, RULE.actor, 'FIRSTERROR']);
    const resaved = rule({
      updated: 1800000000,
      trigger: { ...RULE.trigger, id: '2000000' },
      components: RULE.components.map((c, i) => ({ ...c, id: String(3000000 + i) })),
    });
    expect(object(resaved).hash).toBe(object(RULE).hash);
  });

  it('components run in order: swapping two is drift at their positions', () => {
    const [first, second, third] = RULE.components;
    const swapped = object(rule({ components: [second, first, third] }));
    expect(swapped.hash).not.toBe(object(RULE).hash);
    expect(changedPaths(object(RULE).canonical, swapped.canonical).every((p) => p.startsWith('/components/'))).toBe(true);
  });

  it('the sets (labels, scope, collaborators, connections) may come in any order (property)', () => {
    const { rules } = CONFIG_CATALOGUE.automationrule;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(object(shuffleTree(RULE, rules, seededRandom(seed))).canonicalText).toBe(object(RULE).canonicalText);
      }),
    );
  });

  it('a changed setting shows at its pointer', () => {
    const edited = object(rule({ state: 'DISABLED', notifyOnError: 'NEVER' }));
    expect(changedPaths(object(RULE).canonical, edited.canonical).sort()).toEqual(['/notifyOnError', '/state']);
  });
});

describe('secrets', () => {
  it('no secret value is left in the canonical body', () => {
    const { canonicalText } = object(RULE);
    for (const secret of [...Object.values(SECRETS), '7f3c9a1e0b5d4c2a8e6f1a3b5c7d9e0f', 'xoxbsecretpathpart', 'hunter2']) {
      expect([secret, canonicalText.includes(secret)]).toEqual([secret, false]);
    }
    // Names stay readable: which header, which host, which member.
    for (const kept of ['Authorization', 'X-Api-Key', 'https://ops.example.com/', 'https://hooks.slack.com/', 'webhookToken'])
      expect([kept, canonicalText.includes(kept)]).toEqual([kept, true]);
  });

  it('each secret becomes the keyed hash of its value', () => {
    const redacted = redactRuleSecrets(RULE, tenantA) as any;
    const headers = redacted.components[1].value.headers;
    expect(headers[0].value).toEqual({ keyOrValue: `${SECRET_MARK}${tenantA(SECRETS.bearer)}`, secret: true });
    expect(headers[1].value).toBe(`${SECRET_MARK}${tenantA(SECRETS.apiKey)}`);
    expect(headers[2].value.keyOrValue).toBe(`${SECRET_MARK}${tenantA('application/json')}`);
    expect(redacted.components[1].value.url).toBe(`https://ops.example.com/…${SECRET_MARK}${tenantA(WEB_REQUEST.value.url)}`);
    expect(redacted.components[2].children[0].value.webhookToken).toBe(`${SECRET_MARK}${tenantA(SECRETS.marked)}`);
    expect(redacted.components[2].children[0].value.url).toMatch(/^https:\/\/hooks\.slack\.com\/…hmac-sha256:[0-9a-f]{64}$/);
    // Not secrets: a bare origin, smart values in a body, the names of secret keys.
    expect(redactRuleSecrets({ value: { url: 'https://example.com/' } }, tenantA)).toEqual({ value: { url: 'https://example.com/' } });
    expect(redacted.components[1].value.customBody).toBe(WEB_REQUEST.value.customBody);
  });

  it('a changed secret is drift at its pointer; the same secret hashes alike in every snapshot', () => {
    const rotated = structuredClone(RULE);
    (rotated.components[1] as typeof WEB_REQUEST).value.headers[0]!.value = { keyOrValue: 'Bearer another-token', secret: true };
    const before = object(RULE);
    const after = object(rotated);
    expect(changedPaths(before.canonical, after.canonical)).toEqual(['/components/1/value/headers/0/value/keyOrValue']);
    expect(object(structuredClone(RULE)).hash).toBe(before.hash);
  });

  it('the hash is keyed: another tenant (key) hashes the same secret differently', () => {
    expect(object(RULE, hasher('tenant-b-key')).hash).not.toBe(object(RULE).hash);
  });

  it('a type with secrets is never built without a hasher', () => {
    expect(() => toConfigObject('automationrule', RULE)).toThrow('automationrule bodies hold secrets: a secret hasher is required');
  });

  it('bad input passes through untouched where it is not a secret', () => {
    expect(redactRuleSecrets(null, tenantA)).toBeNull();
    expect(redactRuleSecrets({ headers: ['odd', null, { name: 'X' }] }, tenantA)).toEqual({ headers: ['odd', null, { name: 'X' }] });
    expect(redactRuleSecrets({ headers: 'not a list' }, tenantA)).toEqual({ headers: 'not a list' });
    expect(redactRuleSecrets({ apiTokens: ['t1', 7], names: ['t1'] }, tenantA)).toEqual({
      apiTokens: [`${SECRET_MARK}${tenantA('t1')}`, 7],
      names: ['t1'],
    });
  });
});
