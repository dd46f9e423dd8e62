// Audit records as Jira sends them, the interval a scan reads, what the log no longer covers, and the
// lookups the match rules make for each kind of event.
import { auditInterval, uncoveredPart } from '../../../domain/audit/audit-interval';
import { auditLookups, objectIdentity } from '../../../domain/audit/audit-matching';
import { MalformedAuditRecordError, toAuditRecord } from '../../../domain/audit/audit-record';
import { AUDIT_MATCH_RULES } from '../../../domain/catalogue/audit-match-rules';
import { CONFIG_TYPES } from '../../../domain/config-catalogue';

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

  it('a top-level object is looked up by its id', () => {
    expect(auditLookups({ eventId: '7', objectKey: 'fieldconfiguration/10001', objectType: 'fieldconfiguration', names: [] })).toEqual([
      { eventId: '7', kind: 'id', typeName: 'FIELD_CONFIGURATION', objectId: '10001', objectName: null, itemTypeName: null, itemId: null },
    ]);
  });

  it('a workflow also by each of its names (before and after a rename), once each', () => {
    const lookups = auditLookups({ eventId: '8', objectKey: 'workflow/abc-1', objectType: 'workflow', names: ['Old', 'New', 'New'] });
    expect(lookups.map((l) => [l.kind, l.objectId, l.objectName])).toEqual([
      ['id', 'abc-1', null],
      ['name', null, 'Old'],
      ['name', null, 'New'],
    ]);
  });

  it("a child is an associated item of its parent's record, the parent taken from the key", () => {
    expect(objectIdentity('fieldconfigurationitem/10001:summary', 'fieldconfigurationitem')).toEqual({ ownId: 'summary', parentId: '10001' });
    expect(objectIdentity('fieldcontextoption/customfield_10000:10100:10200', 'fieldcontextoption')).toEqual({ ownId: '10200', parentId: '10100' });
    const lookups = auditLookups({ eventId: '9', objectKey: 'screentab/3:10004', objectType: 'screentab', names: [] });
    expect(lookups).toEqual([
      { eventId: '9', kind: 'associated item', typeName: 'SCREEN', objectId: '3', objectName: null, itemTypeName: 'SCREEN_TAB', itemId: '10004' },
    ]);
  });

  it('types Jira does not audit, and unavailable markers, make no lookup (never a guess from time alone)', () => {
    expect(auditLookups({ eventId: '1', objectKey: 'filter/10000', objectType: 'filter', names: ['Mine'] })).toEqual([]);
    expect(auditLookups({ eventId: '2', objectKey: 'unavailable/field', objectType: 'field', names: [] })).toEqual([]);
  });
});
