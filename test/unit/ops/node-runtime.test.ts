// The Node that runs the tests: printed for the CI log and checked against package.json#engines.
// .ci/run's second pass sets EXPECT_NODE_MAJOR=24, so that pass fails if another Node ran jest.
import fs from 'node:fs';
import path from 'node:path';

const engines = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { engines: { node: string } }).engines
  .node;

/** Whether `version` (x.y.z) satisfies a range made of `^x.y.z` alternatives, the only form engines uses. */
function satisfiesCaretRanges(version: string, range: string): boolean {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
  return range.split('||').some((alternative) => {
    const match = /^\s*\^(\d+)\.(\d+)\.(\d+)\s*$/.exec(alternative);
    if (!match) throw new Error(`engines.node alternative ${JSON.stringify(alternative)} is not of the form ^x.y.z`);
    const [, m, n, p] = match.map(Number) as [number, number, number, number];
    return major === m && (minor > n || (minor === n && patch >= p));
  });
}

test('runs on a supported Node', () => {
  console.log(`tests run on node ${process.version} (${process.execPath}); package.json engines.node: ${engines}`);
  expect(satisfiesCaretRanges(process.versions.node, engines)).toBe(true);
  if (process.env.EXPECT_NODE_MAJOR) expect(process.versions.node.split('.')[0]).toBe(process.env.EXPECT_NODE_MAJOR);
});

test('the engines check reads ranges the way npm does for ^x.y.z', () => {
  const range = '^20.19.0 || ^22.13.0 || ^24.0.0';
  expect(['20.19.0', '20.20.2', '22.13.0', '22.23.3', '24.0.0', '24.21.0'].filter((v) => satisfiesCaretRanges(v, range))).toHaveLength(6);
  expect(['18.20.0', '20.18.9', '21.7.0', '22.12.0', '23.0.0', '25.0.0'].filter((v) => satisfiesCaretRanges(v, range))).toEqual([]);
});
