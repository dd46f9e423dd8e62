// Audit records as Jira sends them, the interval a scan reads, what the log no longer covers, and the
// lookups the match rules make for each kind of event, and that they find the records jira-sim writes
// (the sim states Jira's facts on its own) and not a record about another kind of scheme.
import { auditInterval, uncoveredPart } from '../../../domain/audit/audit-interval';
import { auditLinks, auditLookups, lookupMatches, objectIdentity, type AuditLookup, type MatchableEvent } from '../../../domain/audit/audit-matching';
import { MalformedAuditRecordError, toAuditRecord } from '../../../domain/audit/audit-record';
import { AUDIT_MATCH_RULES } from '../../../domain/catalogue/audit-match-rules';
import { CONFIG_TYPES } from '../../../domain/config-catalogue';
import { AUDITED, auditRecordOf } from '../../../jira-sim/site/audit-events';
import type { AuditDraft } from '../../../jira-sim/site/audit-log';
import type { JsonObject } from '../../../jira-sim/types';

const SPEC_EXAMPLE = {
  associatedItems: [
    { id: 'jira-software-users', name: 'jira-software-users', parentId: '1', parentName: 'Jira Internal Directory', typeName: 'GROUP' },
  ],
  authorAccountId: '5ab8f18d741e9c2c7e9d4538',
  authorKey: 'administrator',
  category: 'user management',
  changedValues: [{ changedFrom: 'user@atlassian.com', changedTo: 'newuser@atlassian.com', fieldName: 'email' }],
  created: '2014-03-19T18:45:42.967+0000',
  description: 'Optional description',
  eventSource: 'Jira Connect Plugin',
  id: 1,
  objectItem: { id: 'user', name: 'user', parentId: '1', parentName: 'Jira Internal Directory', typeName: 'USER' },
  remoteAddress: '192.168.1.1',
  summary: 'User created',
};

describe('toAuditRecord', () => {
  it("reads the spec's example record, with Jira's offset without a colon", () => {
    expect(toAuditRecord(SPEC_EXAMPLE)).toEqual({
      recordId: '1',
      created: '2014-03-19T18:45:42.967Z',
      authorAccountId: '5ab8f18d741e9c2c7e9d4538',
      summary: 'User created',
      category: 'user management',
      objectItem: { id: 'user', name: 'user', parentId: '1', parentName: 'Jira Internal Directory', typeName: 'USER' },
      associatedItems: SPEC_EXAMPLE.associatedItems,
      changedValues: SPEC_EXAMPLE.changedValues,
    });
  });

  it('refuses a record without an integer id or a valid time', () => {
    expect(() => toAuditRecord({ ...SPEC_EXAMPLE, id: 'x' })).toThrow(MalformedAuditRecordError);
    expect(() => toAuditRecord({ ...SPEC_EXAMPLE, created: 'yesterday' })).toThrow(MalformedAuditRecordError);
    expect(() => toAuditRecord(null)).toThrow(MalformedAuditRecordError);
  });

  it('keeps a record without an author or an object id (named by name only)', () => {
    const { authorAccountId: _a, ...anonymous } = SPEC_EXAMPLE;
    const record = toAuditRecord({ ...anonymous, objectItem: { name: 'Software workflow', typeName: 'WORKFLOW' } });
    expect(record.authorAccountId).toBeNull();
    expect(record.objectItem).toEqual({ name: 'Software workflow', typeName: 'WORKFLOW' });
  });
});

describe('the interval and its coverage', () => {
  const interval = auditInterval(new Date('2026-08-01T00:00:10Z'), new Date('2026-08-01T01:00:20Z'));

  it('widens both capture times by the clock-skew margin', () => {
    expect(interval).toEqual({ from: '2026-07-31T23:55:10.000Z', to: '2026-08-01T01:05:20.000Z' });
  });

  it('a log with a record at or before the start covers the whole interval', () => {
    expect(uncoveredPart(interval, 1, '2026-08-01T00:30:00.000Z')).toBeNull();
  });

  it('otherwise nothing is known before its oldest record in the interval (or in all of it)', () => {
    expect(uncoveredPart(interval, 0, '2026-08-01T00:30:00.000Z')).toEqual({ from: interval.from, until: '2026-08-01T00:30:00.000Z' });
    expect(uncoveredPart(interval, 0, null)).toEqual({ from: interval.from, until: interval.to });
  });
});

describe('match rules', () => {
  it('are given for catalogue types only', () => {
    for (const type of Object.keys(AUDIT_MATCH_RULES)) expect(CONFIG_TYPES).toContain(type);
  });

  it("a top-level object is looked up by its id (FIELD_CONFIGURATION: UNVERIFIED, the sim's name)", () => {
    expect(auditLookups({ eventId: '7', objectKey: 'fieldconfiguration/10001', objectType: 'fieldconfiguration', names: [] })).toEqual([
      {
        eventId: '7',
        kind: 'id',
        typeName: 'FIELD_CONFIGURATION',
        objectId: '10001',
        objectName: null,
        itemTypeName: null,
        itemId: null,
        summaryKind: null,
        withoutItemTypeName: null,
      },
    ]);
  });

  it('a workflow by each of its names (before and after a rename), once each: Jira names workflows by name', () => {
    const lookups = auditLookups({ eventId: '8', objectKey: 'workflow/abc-1', objectType: 'workflow', names: ['Old', 'New', 'New'] });
    expect(lookups.map((l) => [l.kind, l.typeName, l.objectId, l.objectName])).toEqual([
      ['name', 'WORKFLOW', null, 'Old'],
      ['name', 'WORKFLOW', null, 'New'],
    ]);
    // Jira's record: forObject(WORKFLOW, name, name).
    const record = { summary: 'Workflow updated', objectItem: { typeName: 'WORKFLOW', id: 'New', name: 'New' }, associatedItems: [] };
    expect(lookups.map((l) => lookupMatches(l, record))).toEqual([false, true]);
    expect(lookupMatches(lookups[1]!, { ...record, objectItem: { typeName: 'WORKFLOW', id: '10001', name: 'New' } })).toBe(false);
  });

  it('a scheme is a SCHEME record whose summary names its kind', () => {
    expect(auditLookups({ eventId: '3', objectKey: 'permissionscheme/10000', objectType: 'permissionscheme', names: [] })).toEqual([
      {
        eventId: '3',
        kind: 'id',
        typeName: 'SCHEME',
        objectId: '10000',
        objectName: null,
        itemTypeName: null,
        itemId: null,
        summaryKind: 'Permission scheme',
        withoutItemTypeName: null,
      },
    ]);
  });

  it("a child is an associated item of its parent's record, the parent taken from the key", () => {
    expect(objectIdentity('fieldconfigurationitem/10001:summary', 'fieldconfigurationitem')).toEqual({ ownId: 'summary', parentId: '10001' });
    expect(objectIdentity('fieldcontextoption/customfield_10000:10100:10200', 'fieldcontextoption')).toEqual({ ownId: '10200', parentId: '10100' });
    const lookups = auditLookups({ eventId: '9', objectKey: 'screentab/3:10004', objectType: 'screentab', names: [] });
    expect(lookups).toEqual([
      {
        eventId: '9',
        kind: 'associated item',
        typeName: 'SCREEN',
        objectId: '3',
        objectName: null,
        itemTypeName: 'SCREEN_TAB',
        itemId: '10004',
        summaryKind: null,
        withoutItemTypeName: null,
      },
    ]);
  });

  it("a role's actors in a project: the role's record listing the project (the reverse of a child's)", () => {
    const lookups = auditLookups({ eventId: '4', objectKey: 'projectroleactors/10000:10002', objectType: 'projectroleactors', names: [] });
    expect(lookups.map((l) => [l.kind, l.typeName, l.objectId, l.itemTypeName, l.itemId])).toEqual([
      ['associated item', 'PROJECT_ROLE', '10002', 'PROJECT', '10000'],
    ]);
  });

  it('every rule says where its record shape comes from', () => {
    const evidence = Object.values(AUDIT_MATCH_RULES).flatMap((rules) => rules.map((r) => r.evidence));
    expect(new Set(evidence)).toEqual(new Set(['jira-source', 'cloud-sample', 'unverified']));
  });

  it('types Jira does not audit, and unavailable markers, make no lookup (never a guess from time alone)', () => {
    expect(auditLookups({ eventId: '1', objectKey: 'filter/10000', objectType: 'filter', names: ['Mine'] })).toEqual([]);
    expect(auditLookups({ eventId: '2', objectKey: 'unavailable/field', objectType: 'field', names: [] })).toEqual([]);
  });
});

describe('links of a page of lookups with candidate records', () => {
  const lookup = (eventId: string, kind: AuditLookup['kind'], extra: Partial<AuditLookup>): AuditLookup => ({
    eventId,
    kind,
    typeName: 'SCREEN',
    objectId: null,
    objectName: null,
    itemTypeName: null,
    itemId: null,
    summaryKind: null,
    withoutItemTypeName: null,
    ...extra,
  });
  const record = {
    recordId: '77',
    summary: 'Screen updated',
    objectItem: { typeName: 'SCREEN', id: '3', name: 'Default' },
    associatedItems: [{ typeName: 'SCREEN_TAB', id: '9' }],
  };

  it('one link per event and record, the strongest way it matched', () => {
    const links = auditLinks(
      [
        lookup('1', 'name', { objectName: 'Default' }),
        lookup('1', 'id', { objectId: '3' }),
        lookup('2', 'associated item', { objectId: '3', itemTypeName: 'SCREEN_TAB', itemId: '9' }),
      ],
      [record],
    );
    expect(links).toEqual([
      { eventId: '1', recordId: '77', matchedBy: 'id' },
      { eventId: '2', recordId: '77', matchedBy: 'associated item' },
    ]);
  });

  it('a candidate of another typeName, id or summary kind links nothing', () => {
    expect(auditLinks([lookup('1', 'id', { objectId: '4' })], [record])).toEqual([]);
    expect(auditLinks([lookup('1', 'id', { objectId: '3', typeName: 'SCHEME' })], [record])).toEqual([]);
    expect(auditLinks([lookup('1', 'id', { objectId: '3', summaryKind: 'Screen scheme' })], [record])).toEqual([]);
    expect(auditLinks([lookup('1', 'id', { objectId: '3', withoutItemTypeName: 'SCREEN_TAB' })], [record])).toEqual([]);
  });
});

describe('the rules against the records jira-sim writes', () => {
  const sites: Record<string, JsonObject> = {};
  const recordOf = (type: keyof typeof AUDITED, object: JsonObject, action: 'created' | 'updated' | 'deleted' = 'updated'): AuditDraft =>
    auditRecordOf({
      type,
      action,
      before: action === 'created' ? undefined : object,
      after: action === 'deleted' ? undefined : { ...object, description: 'changed' },
      patch: action === 'updated' ? { description: 'changed' } : undefined,
      authorAccountId: 'someone',
      lookup: (t, id) => sites[`${t}/${id}`],
    })!;
  const attributed = (event: MatchableEvent, record: AuditDraft) => auditLookups(event).some((l) => lookupMatches(l, record));
  const scheme = (id: number, name: string): JsonObject => ({ id, name, description: '' });

  it('every scheme change is attributed to its own record, whatever the action', () => {
    for (const type of ['workflowscheme', 'permissionscheme', 'notificationscheme', 'fieldconfigurationscheme', 'issuesecurityscheme'] as const) {
      for (const action of ['created', 'updated', 'deleted'] as const) {
        const record = recordOf(type, scheme(10000, 'Default'), action);
        expect([type, action, record.objectItem]).toEqual([type, action, { typeName: 'SCHEME', id: '10000', name: 'Default' }]);
        expect([type, action, attributed({ eventId: '1', objectKey: `${type}/10000`, objectType: type, names: [] }, record)]).toEqual([
          type,
          action,
          true,
        ]);
      }
    }
  });

  it('a permission scheme change is not attributed to an issue security scheme record with the same id, nor the reverse', () => {
    const permissionRecord = recordOf('permissionscheme', scheme(10000, 'Same'));
    const securityRecord = recordOf('issuesecurityscheme', scheme(10000, 'Same'));
    // Same typeName, id, name and category: only the summary tells them apart.
    expect(permissionRecord).toMatchObject({ category: securityRecord.category, objectItem: securityRecord.objectItem });
    const permissionEvent = { eventId: '1', objectKey: 'permissionscheme/10000', objectType: 'permissionscheme', names: ['Same'] };
    const securityEvent = { eventId: '2', objectKey: 'issuesecurityscheme/10000', objectType: 'issuesecurityscheme', names: ['Same'] };
    expect(attributed(permissionEvent, securityRecord)).toBe(false);
    expect(attributed(securityEvent, permissionRecord)).toBe(false);
    expect(attributed(permissionEvent, permissionRecord)).toBe(true);
    expect(attributed(securityEvent, securityRecord)).toBe(true);
  });

  it('no other scheme kind takes a scheme record', () => {
    const kinds = ['workflowscheme', 'permissionscheme', 'notificationscheme', 'fieldconfigurationscheme', 'issuesecurityscheme'] as const;
    for (const recordType of kinds) {
      const record = recordOf(recordType, scheme(10000, 'Same'));
      const takers = kinds.filter((t) => attributed({ eventId: '1', objectKey: `${t}/10000`, objectType: t, names: [] }, record));
      expect([recordType, takers]).toEqual([recordType, [recordType]]);
    }
  });

  it("a role's actors in a project and the role itself each take only their own records", () => {
    sites['projectrole/10002'] = { id: 10002, name: 'Developers', description: '' };
    sites['project/10000'] = { id: '10000', key: 'ORION', name: 'Orion' };
    const actorsRecord = auditRecordOf({
      type: 'projectroleactors',
      action: 'updated',
      before: { id: '10000:10002', actors: [] },
      after: { id: '10000:10002', actors: [{ type: 'atlassian-user-role-actor' }] },
      patch: { actors: [{ type: 'atlassian-user-role-actor' }] },
      authorAccountId: 'someone',
      lookup: (t, id) => sites[`${t}/${id}`],
    })!;
    expect(actorsRecord).toMatchObject({
      summary: 'Project roles updated',
      objectItem: { typeName: 'PROJECT_ROLE', id: '10002', name: 'Developers' },
      associatedItems: [{ typeName: 'PROJECT', id: '10000', name: 'Orion' }],
    });
    const roleRecord = recordOf('projectrole', { id: 10002, name: 'Developers', description: '' });
    const actorsEvent = { eventId: '1', objectKey: 'projectroleactors/10000:10002', objectType: 'projectroleactors', names: [] };
    const roleEvent = { eventId: '2', objectKey: 'projectrole/10002', objectType: 'projectrole', names: ['Developers'] };
    expect([attributed(actorsEvent, actorsRecord), attributed(roleEvent, actorsRecord)]).toEqual([true, false]);
    expect([attributed(actorsEvent, roleRecord), attributed(roleEvent, roleRecord)]).toEqual([false, true]);
    const otherProject = { ...actorsEvent, objectKey: 'projectroleactors/10001:10002' };
    expect(attributed(otherProject, actorsRecord)).toBe(false);
  });

  it('a workflow, a custom field and an issue security level are attributed to the records the sim writes', () => {
    const workflow = recordOf('workflow', { id: 'uuid-1', name: 'Software workflow' });
    expect(workflow.objectItem).toEqual({ typeName: 'WORKFLOW', id: 'Software workflow', name: 'Software workflow' });
    expect(attributed({ eventId: '1', objectKey: 'workflow/uuid-1', objectType: 'workflow', names: ['Software workflow'] }, workflow)).toBe(true);
    const field = recordOf('field', { id: 'customfield_10001', name: 'Team' });
    expect(field.objectItem).toEqual({ typeName: 'CUSTOM_FIELD', id: 'customfield_10001', name: 'Team' });
    expect(attributed({ eventId: '2', objectKey: 'field/customfield_10001', objectType: 'field', names: [] }, field)).toBe(true);
    sites['issuesecurityscheme/10000'] = scheme(10000, 'Secure');
    const level = recordOf('issuesecuritylevel', { id: 10100, name: 'Staff', issueSecuritySchemeId: '10000' });
    expect(level).toMatchObject({ summary: 'Issue security scheme updated', objectItem: { typeName: 'SCHEME', id: '10000', name: 'Secure' } });
    expect(attributed({ eventId: '3', objectKey: 'issuesecuritylevel/10100', objectType: 'issuesecuritylevel', names: [] }, level)).toBe(true);
  });
});
