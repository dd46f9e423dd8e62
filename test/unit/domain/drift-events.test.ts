// Drift event drafting: kinds and changed paths from canonical bodies.
import { canonicalJson } from '../../../domain/canonical-json';
import { classifyDifference, draftDriftEvent } from '../../../domain/drift-events';

const h = (c: string) => c.repeat(64);

test('classifies added, removed and modified entries', () => {
  expect(classifyDifference({ key: 'field/a', beforeType: null, afterType: 'field', beforeHash: null, afterHash: h('a') })).toBe('added');
  expect(classifyDifference({ key: 'field/a', beforeType: 'field', afterType: null, beforeHash: h('a'), afterHash: null })).toBe('removed');
  expect(classifyDifference({ key: 'field/a', beforeType: 'field', afterType: 'field', beforeHash: h('a'), afterHash: h('b') })).toBe('modified');
  expect(() => classifyDifference({ key: 'field/a', beforeType: 'field', afterType: 'field', beforeHash: h('a'), afterHash: h('a') })).toThrow(
    /does not differ/,
  );
});

test('a modified entry lists the changed JSON pointers from the stored bodies', () => {
  const bodies = new Map([
    [h('a'), canonicalJson({ id: '1', name: 'Open', scope: { type: 'GLOBAL' } })],
    [h('b'), canonicalJson({ id: '1', name: 'Opened', scope: { type: 'PROJECT' }, description: 'x' })],
  ]);
  const event = draftDriftEvent({ key: 'status/1', beforeType: 'status', afterType: 'status', beforeHash: h('a'), afterHash: h('b') }, (hash) =>
    bodies.get(hash),
  );
  expect(event).toEqual({
    key: 'status/1',
    objectType: 'status',
    change: 'modified',
    beforeHash: h('a'),
    afterHash: h('b'),
    changedPaths: ['/description', '/name', '/scope/type'],
  });
});

test('added and removed entries carry no paths and need no bodies', () => {
  const none = () => undefined;
  expect(draftDriftEvent({ key: 'field/x', beforeType: null, afterType: 'field', beforeHash: null, afterHash: h('c') }, none)).toMatchObject({
    change: 'added',
    objectType: 'field',
    changedPaths: [],
  });
  expect(draftDriftEvent({ key: 'field/x', beforeType: 'field', afterType: null, beforeHash: h('c'), afterHash: null }, none)).toMatchObject({
    change: 'removed',
    objectType: 'field',
  });
});

test('a modified entry whose body is missing is an error, not an event without paths', () => {
  expect(() =>
    draftDriftEvent({ key: 'status/1', beforeType: 'status', afterType: 'status', beforeHash: h('a'), afterHash: h('b') }, () => undefined),
  ).toThrow(/stored body missing/);
});
