// Jest test order: the default (slowest/failed first), except the suite-wide secret-leak scan, which
// must see every history and log line the other test files produced, so it always runs last.
const Sequencer = require('@jest/test-sequencer').default;

const LAST = /secret-leak\.test\.ts$/;

class SecretScanLastSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const ordered = (list) => [...list.filter((t) => !LAST.test(t.path)), ...list.filter((t) => LAST.test(t.path))];
    return sorted instanceof Promise ? sorted.then(ordered) : ordered(sorted);
  }
}

module.exports = SecretScanLastSequencer;
