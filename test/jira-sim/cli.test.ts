/** `tsx jira-sim/main.ts`: prints one JSON line when listening, seeds a demo, stops on SIGTERM. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { JiraSimAdmin } from '../../jira-sim/admin-client';

const ROOT = path.resolve(__dirname, '../..');

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`jira-sim exited early with ${code}`)));
  });
}

it('starts, seeds a usable demo site and shuts down on SIGTERM', async () => {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'jira-sim/main.ts', '--port', '0', '--seed-demo'], {
    cwd: ROOT,
  });
  try {
    const line = JSON.parse(await firstLine(child));
    expect(line.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(line.demo).toMatchObject({ cloudId: expect.any(String), clientId: 'demo-client', grantId: expect.any(String), code: expect.any(String) });
    const token = await fetch(`${line.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        client_id: line.demo.clientId,
        client_secret: line.demo.clientSecret,
        code: line.demo.code,
        redirect_uri: 'http://localhost/cb',
      }),
    });
    expect(token.status).toBe(200);
    const site = await new JiraSimAdmin(line.url).getSite(line.demo.cloudId);
    expect(site.name).toBe('demo');
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
}, 30_000);
