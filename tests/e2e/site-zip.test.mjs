// The site's zip (`cargo xtask dist` writes dist/ers-golive-site.zip): unpacked into a scratch
// folder and served from there by Python's plain `http.server` (as the README says: any static
// server, no headers of ours), it loads in Chromium with no console error, checks a name and
// makes a plan, and asks nothing of another origin.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { openPage, assertCleanSession } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the site zip', () => {
  let scratch;
  let server;
  let base;
  before(async () => {
    let zip = process.env.ERS_SITE_ZIP;
    if (!zip) {
      const out = join(ROOT, 'target', 'e2e-dist');
      execFileSync('cargo', ['xtask', 'dist', '--out', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
      zip = join(out, 'ers-golive-site.zip');
    }
    assert.ok(existsSync(zip), `cargo xtask dist wrote ${zip}`);
    scratch = await mkdtemp(join(tmpdir(), 'ers-golive-zip-'));
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, scratch]);
    const folder = join(scratch, 'ers-golive');
    assert.ok(existsSync(join(folder, 'index.html')), 'the zip holds ers-golive/index.html');
    server = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', folder], { stdio: ['ignore', 'pipe', 'ignore'] });
    base = await new Promise((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`http.server did not start: ${seen}`)), 15_000);
      server.stdout.on('data', (chunk) => {
        seen += chunk;
        const port = /port (\d+)/.exec(seen)?.[1];
        if (port) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${port}/`);
        }
      });
      server.on('exit', (code) => reject(new Error(`http.server exited (${code}): ${seen}`)));
    });
  });
  after(async () => {
    server?.kill();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('runs from a local folder under a plain static server: names, a plan, nothing elsewhere', async () => {
    const session = await openPage('', { baseUrl: base });
    try {
      const { page } = session;
      await page.fill('ers-name-check [name="name"]', 'Care Vista - Care Vista Link - Prod - eRS, User Restricted');
      await page.locator('ers-name-check').getByText('ERS-N016').first().waitFor();
      await page.waitForSelector('ers-asid-planner input[value="user-restricted"]');
      await page.fill('ers-asid-planner input[name="product"]', 'Care Vista Link');
      await page.check('ers-asid-planner input[value="user-restricted"]');
      await page.$eval('ers-asid-planner', (el) => {
        el.euos = [{ name: 'Leeds Teaching Hospitals NHS Trust', odsCode: 'RR8' }];
      });
      await page.click('ers-asid-planner button:has-text("Plan the go-live")');
      await page.waitForFunction(() => document.querySelector('ers-asid-planner').plan?.totals.applications === 1);
    } finally {
      await session.close();
    }
    assertCleanSession(session);
  });
});
