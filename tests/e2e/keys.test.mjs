// <ers-key-generator> and www/keygen.js in headless Chromium: generate a key pair in the Web
// Worker while a probe on the main thread measures the longest pause (never over 50 ms), download
// KID.pem, KID.pem.pub and KID.json, and have OpenSSL and Python `cryptography` judge them;
// cancel; refuse a bad option with a focused error summary; rotate (append to a JWKS, refusing a
// duplicate kid and a pasted private key); accessibility; no console error, no request off origin.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { checkA11y } from './axe.mjs';
import { openPage, screenshot, openExamples, itLeftNoErrorOrRequestElsewhere } from './harness.mjs';

const EL = 'ers-key-generator';
// No page script may run this long while a key is made: making a key on the main thread takes
// seconds, so a regression fails at once, while a loaded test machine stretching a 20 ms script
// cannot. The goal itself (no task over 50 ms) is measured and printed by `cargo xtask bench`
// (a benchmark, never a timed test).
const MAX_BLOCK_MS = 250;
// 4096 is what NHS documents and the default; the site's wasm is a release build.
const BITS = Number(process.env.ERS_E2E_KEY_BITS ?? 4096);

function openssl(...args) {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function base64urlToHex(text) {
  return Buffer.from(text, 'base64url').toString('hex').toUpperCase();
}

/** Starts a probe in the page: a long-task observer (tasks over 50 ms), the scripts of long
 *  animation frames (what page code ran, for how long), and a 5 ms timer. */
async function startProbe(page) {
  await page.evaluate(() => {
    const probe = { maxGap: 0, longTasks: [], scripts: [], last: performance.now() };
    probe.frames = new PerformanceObserver((list) => {
      for (const frame of list.getEntries()) for (const script of frame.scripts) probe.scripts.push(Math.round(script.duration));
    });
    probe.frames.observe({ type: 'long-animation-frame' });
    probe.timer = setInterval(() => {
      const now = performance.now();
      probe.maxGap = Math.max(probe.maxGap, now - probe.last - 5);
      probe.last = now;
    }, 5);
    probe.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push(Math.round(entry.duration));
    });
    probe.observer.observe({ type: 'longtask' });
    window.__keysProbe = probe;
  });
}

async function stopProbe(page) {
  return page.evaluate(() => {
    const probe = window.__keysProbe;
    clearInterval(probe.timer);
    probe.observer.disconnect();
    probe.frames.disconnect();
    return { maxGap: Math.round(probe.maxGap), longTasks: probe.longTasks, scripts: probe.scripts };
  });
}

async function setKid(page, kid) {
  await page.fill(`${EL} input[name="kid"]`, kid);
}

async function chooseBits(page, bits) {
  await page.check(`${EL} input[type="radio"][value="${bits}"]`);
}

async function generate(page) {
  // Every key made stays listed: wait for the card of this kid (the first card, newest first).
  const kid = await page.inputValue(`${EL} input[name="kid"]`);
  await page.click(`${EL} button[type="submit"]:has-text("Generate key pair")`);
  const card = kid ? `.ers-key-generator__pair[data-kid="${kid}"]` : '.ers-key-generator__pair';
  await page.waitForSelector(`${EL} .ers-key-generator__result:not([hidden]) ${card} .ers-notice--ok`, { timeout: 180_000 });
}

/** The key workers running: blob: module workers (keygen.js's startWorker) named as ours. */
async function keyWorkers(page) {
  const names = await Promise.all(
    page.workers().filter((w) => w.url().startsWith('blob:')).map((w) => w.evaluate(() => self.name).catch(() => '')),
  );
  return names.filter((n) => n.startsWith('ers-golive key generator')).length;
}

/** The pool's size in this browser (navigator.hardwareConcurrency, capped). */
async function poolSize(page) {
  return page.evaluate(async () => (await import('./keygen.js')).poolSize());
}

describe('<ers-key-generator>', () => {
  let session;
  let page;
  let dir;
  const saved = {};

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ers-keys-e2e-'));
    session = await openPage('');
    page = session.page;
    await page.waitForSelector(`${EL} form`);
  });
  after(async () => {
    if (session) await screenshot(session.page, 'keys');
    await session?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses a bad option at once, with a focused error summary linking to the field', async () => {
    // Any non-empty kid is taken (the token server takes them all); a passphrase with PKCS#1
    // cannot be honoured, so it is refused before the worker starts.
    await setKid(page, 'Prod one');
    await page.click(`${EL} .ers-key-generator__more summary`);
    await page.check(`${EL} input[type="radio"][value="pkcs1"]`);
    await page.fill(`${EL} input[name="passphrase"]`, 'a passphrase');
    await page.click(`${EL} button[type="submit"]:has-text("Generate key pair")`);
    const summary = `${EL} .ers-error-summary:not([hidden])`;
    await page.waitForSelector(summary);
    const text = await page.textContent(summary);
    assert.match(text, /There is a problem/);
    assert.doesNotMatch(text, /kid/, 'the kid is not refused');
    assert.equal(await page.evaluate(() => (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.classList.contains('ers-error-summary')), true);
    assert.equal(await page.getAttribute(`${EL} input[name="passphrase"]`, 'aria-invalid'), 'true');
    const describedBy = await page.getAttribute(`${EL} input[name="passphrase"]`, 'aria-describedby');
    assert.match(describedBy, /-hint .*-error$/);
    assert.equal(await keyWorkers(page), 0, 'the worker starts only when a key is really made');
    await page.click(`${summary} a`);
    assert.equal(await page.evaluate(() => (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.getAttribute('name')), 'passphrase');
    await page.fill(`${EL} input[name="passphrase"]`, '');
    await page.check(`${EL} input[type="radio"][value="pkcs8"]`);
  });

  it(`makes a ${BITS}-bit key in a worker; no page script blocks the main thread for ${MAX_BLOCK_MS} ms`, async () => {
    await setKid(page, 'e2e-1');
    await chooseBits(page, BITS);
    // The keys module loads on the element's first use (its compile is page start-up, not key
    // generation): loaded before the probe starts.
    await page.evaluate(async () => {
      await (await import('./js/ers.js')).keys();
    });
    await startProbe(page);
    // Positive control: the probe does see the main thread blocked for 80 ms.
    await page.evaluate(() => {
      setTimeout(() => {
        const t = performance.now();
        while (performance.now() - t < 80);
      }, 0);
    });
    await page.waitForTimeout(300);
    const control = await page.evaluate(() => {
      const probe = window.__keysProbe;
      const seen = [...probe.longTasks];
      probe.longTasks.length = 0;
      probe.scripts.length = 0;
      probe.maxGap = 0;
      return seen;
    });
    assert.ok(control.some((d) => d >= 80), `the long-task probe missed a blocked main thread: ${control}`);

    const started = Date.now();
    await generate(page);
    const seconds = (Date.now() - started) / 1000;
    const probe = await stopProbe(page);
    console.log(`# ${BITS}-bit key in the worker pool: ${seconds.toFixed(1)} s; long tasks on the main thread ${JSON.stringify(probe.longTasks)}; longest script ${Math.max(0, ...probe.scripts)} ms; longest 5 ms timer gap ${probe.maxGap} ms`);
    // Page code running over 50 ms at a stretch (a script of a long animation frame) fails the
    // test. Long tasks and the timer gap are printed but not asserted: on a loaded machine they
    // also count the browser's own rendering and time the operating system gives other
    // processes, which is no block by the page.
    assert.deepEqual(probe.scripts.filter((d) => d > MAX_BLOCK_MS), []);
    assert.equal(await keyWorkers(page), await poolSize(page), 'the pool of workers made it');
    const notice = await page.textContent(`${EL} .ers-key-generator__result .ers-notice--ok`);
    assert.match(notice, new RegExp(`Key pair ready: ${BITS}-bit RSA, kid e2e-1\\.`));
    assert.match(notice, /in this tab and, once you save it, in your downloads folder\. Nowhere else/);
    // The polite live region announces the key that was made, not only that something happened.
    await page
      .locator(`${EL} [aria-live="polite"]`, { hasText: new RegExp(`Key pair ready: ${BITS}-bit RSA, kid e2e-1\\.`) })
      .first()
      .waitFor({ state: 'attached' });
  });

  it('downloads KID.pem, KID.pem.pub and KID.json, which OpenSSL and Python accept', async () => {
    for (const name of ['e2e-1.pem', 'e2e-1.pem.pub', 'e2e-1.json']) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click(`${EL} button[data-download="${name}"]`),
      ]);
      assert.equal(download.suggestedFilename(), name);
      const path = join(dir, name);
      await download.saveAs(path);
      saved[name] = path;
    }
    const pem = saved['e2e-1.pem'];
    assert.match(openssl('rsa', '-in', pem, '-check', '-noout'), /RSA key ok/);
    const text = openssl('rsa', '-in', pem, '-text', '-noout');
    assert.match(text, new RegExp(`Private-Key: \\(${BITS} bit, 2 primes\\)`));
    assert.match(text, /publicExponent: 65537 \(0x10001\)/);
    assert.equal(openssl('rsa', '-in', pem, '-pubout'), await readFile(saved['e2e-1.pem.pub'], 'utf8'));
    const jwks = JSON.parse(await readFile(saved['e2e-1.json'], 'utf8'));
    const [key] = jwks.keys;
    assert.deepEqual(
      { kty: key.kty, e: key.e, alg: key.alg, kid: key.kid, use: key.use },
      { kty: 'RSA', e: 'AQAB', alg: 'RS512', kid: 'e2e-1', use: 'sig' },
    );
    assert.deepEqual(Object.keys(key), ['kty', 'n', 'e', 'alg', 'kid', 'use']);
    assert.equal(openssl('rsa', '-in', pem, '-modulus', '-noout').trim(), `Modulus=${base64urlToHex(key.n)}`);
    const python = execFileSync('python3', ['-c', [
      'import sys, json',
      'from cryptography.hazmat.primitives import serialization',
      'k = serialization.load_pem_private_key(open(sys.argv[1], "rb").read(), password=None)',
      'p = serialization.load_pem_public_key(open(sys.argv[2], "rb").read())',
      'assert k.public_key().public_numbers() == p.public_numbers()',
      'print(k.key_size)',
    ].join('\n'), pem, saved['e2e-1.pem.pub']], { encoding: 'utf8' });
    assert.equal(python.trim(), String(BITS));
  });

  it('downloads the three files in one ZIP, the same files', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click(`${EL} button[data-download="e2e-1.zip"]`),
    ]);
    assert.equal(download.suggestedFilename(), 'e2e-1.zip');
    const zip = join(dir, 'e2e-1.zip');
    await download.saveAs(zip);
    const listing = JSON.parse(execFileSync('python3', ['-c', [
      'import sys, json, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'print(json.dumps({n: z.read(n).decode() for n in sorted(z.namelist())}))',
    ].join('\n'), zip], { encoding: 'utf8' }));
    assert.deepEqual(Object.keys(listing), ['e2e-1.json', 'e2e-1.pem', 'e2e-1.pem.pub']);
    for (const name of Object.keys(listing)) assert.equal(listing[name], await readFile(saved[name], 'utf8'), name);
  });

  it('shows the equivalent OpenSSL commands', async () => {
    const commands = await page.textContent(`${EL} .ers-key-generator__result details:has(summary:has-text("OpenSSL")) pre`);
    assert.equal(commands.split('\n')[0], `openssl genrsa -out e2e-1.pem ${BITS}`);
    assert.equal(commands.split('\n')[1], 'openssl rsa -in e2e-1.pem -pubout -outform PEM -out e2e-1.pem.pub');
  });

  it('cancels: every worker is terminated, no key is made, and the key made before is kept', async () => {
    await setKid(page, 'cancelled-1');
    await chooseBits(page, 4096);
    await page.click(`${EL} button[type="submit"]:has-text("Generate key pair")`);
    await page.waitForSelector(`${EL} .ers-key-generator__progress:has-text("Generating a 4096-bit RSA key")`);
    await page.click(`${EL} button:has-text("Cancel")`);
    await page.waitForSelector(`${EL} .ers-key-generator__result .ers-notice:has-text("Key generation cancelled")`);
    await page
      .locator(`${EL} [aria-live="polite"]`, { hasText: /Key generation cancelled\. No key was made\./ })
      .first()
      .waitFor({ state: 'attached' });
    assert.equal(await page.isHidden(`${EL} .ers-key-generator__progress`), true);
    assert.equal(await page.isEnabled(`${EL} button[type="submit"]:has-text("Generate key pair")`), true);
    assert.deepEqual(await page.$eval(EL, (el) => el.kids), ['e2e-1'], 'no silent replacement: the first key stays');
    assert.match(await page.textContent(`${EL} .ers-key-generator__result .ers-notice:has-text("cancelled")`), /The 1 key pair made before is kept/);
    // Playwright learns of the terminated workers a moment later.
    for (let i = 0; i < 40 && (await keyWorkers(page)) > 0; i += 1) await page.waitForTimeout(50);
    assert.equal(await keyWorkers(page), 0, 'every worker was terminated');
  });

  it('rotates: adds the new key to the published JWKS, with the steps', async () => {
    await setKid(page, 'e2e-2');
    await chooseBits(page, 2048);
    await generate(page);
    const warning = await page.textContent(`${EL} .ers-key-generator__result .ers-diagnostic--warning`);
    assert.match(warning, /ERS-K001/);
    assert.match(warning, /NHS documents 4096-bit keys/);
    await page.fill(`${EL} textarea[name="existing"]`, await readFile(saved['e2e-1.json'], 'utf8'));
    await page.click(`${EL} button:has-text("Add the new key to this JWKS")`);
    await page.waitForSelector(`${EL} .ers-key-generator__rotation-result:not([hidden])`);
    const steps = await page.$$eval(`${EL} .ers-key-generator__steps li`, (lis) => lis.map((li) => li.textContent));
    assert.equal(steps.length, 4);
    assert.match(steps[1], /Wait more than an hour/);
    assert.match(steps[2], /kid "e2e-2"/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click(`${EL} button[data-download="jwks.json"]`),
    ]);
    const path = join(dir, 'jwks.json');
    await download.saveAs(path);
    const rotated = JSON.parse(await readFile(path, 'utf8'));
    assert.deepEqual(rotated.keys.map((k) => k.kid), ['e2e-1', 'e2e-2']);
    // Both key pairs are listed, the newest first, each with its own downloads.
    assert.deepEqual(await page.$eval(EL, (el) => el.kids), ['e2e-2', 'e2e-1']);
    assert.equal(await page.locator(`${EL} .ers-key-generator__pair`).count(), 2);
    assert.equal(await page.isVisible(`${EL} button[data-download="e2e-1.pem"]`), true);
  });

  it('forgets one key pair at a time', async () => {
    await page.click(`${EL} .ers-key-generator__pair[data-kid="e2e-1"] button:has-text("Forget this key")`);
    assert.deepEqual(await page.$eval(EL, (el) => el.kids), ['e2e-2']);
    assert.equal(await page.locator(`${EL} button[data-download="e2e-1.pem"]`).count(), 0);
  });

  it('rotates from the public key in use: with its kid, or its thumbprint and warning ERS-K003', async () => {
    await page.fill(`${EL} textarea[name="existing"]`, await readFile(saved['e2e-1.pem.pub'], 'utf8'));
    await page.fill(`${EL} input[name="existingKid"]`, '');
    await page.click(`${EL} button:has-text("Add the new key to this JWKS")`);
    const result = `${EL} .ers-key-generator__rotation-result:not([hidden])`;
    await page.waitForSelector(`${result} .ers-diagnostic:has-text("ERS-K003")`);
    await page.fill(`${EL} input[name="existingKid"]`, 'e2e-1');
    await page.click(`${EL} button:has-text("Add the new key to this JWKS")`);
    await page.waitForFunction((tag) => !document.querySelector(tag).shadowRoot.querySelector('.ers-key-generator__rotation-result:not([hidden])')?.textContent.includes('ERS-K003'), EL);
    const text = await page.textContent(`${result} pre`);
    assert.deepEqual(JSON.parse(text).keys.map((k) => k.kid), ['e2e-1', 'e2e-2']);
  });

  it('refuses a duplicate kid and a private key pasted as the published key', async () => {
    const cases = [
      [await readFile(saved['e2e-1.json'], 'utf8').then((j) => j.replace('"e2e-1"', '"e2e-2"')), /already has a key with kid "e2e-2"; choose another kid \(e\.g\. e2e-3\)/],
      [await readFile(saved['e2e-1.pem'], 'utf8'), /this is a private key, not a public key/i],
      ['{"keys": [', /the JSON does not parse at line 1/i],
    ];
    for (const [existing, message] of cases) {
      await page.fill(`${EL} textarea[name="existing"]`, existing);
      await page.click(`${EL} button:has-text("Add the new key to this JWKS")`);
      const summary = `${EL} .ers-key-generator__rotation-form .ers-error-summary:not([hidden])`;
      await page.waitForSelector(summary);
      const text = await page.textContent(summary);
      assert.match(text, message);
      assert.equal(await page.getAttribute(`${EL} textarea[name="existing"]`, 'aria-invalid'), 'true');
      if (existing.includes('PRIVATE KEY')) {
        const body = existing.split('\n')[1];
        assert.ok(!text.includes(body), 'the private key is not echoed');
      }
    }
  });

  itLeftNoErrorOrRequestElsewhere(() => session);
});

describe('<ers-key-generator> accessibility', () => {
  it('has no axe violation, before and after generating', async () => {
    const s = await openPage('', { bypassCSP: true });
    try {
      await s.page.waitForSelector(`${EL} form`);
      assert.deepEqual(await checkA11y(s.page, EL), []);
      await s.page.fill(`${EL} input[name="kid"]`, 'a11y-1');
      await s.page.check(`${EL} input[type="radio"][value="2048"]`);
      await generate(s.page);
      await s.page.click(`${EL} details summary:has-text("OpenSSL")`);
      assert.deepEqual(await checkA11y(s.page, EL), []);
    } finally {
      await s.close();
    }
  });
});

describe('<ers-key-generator> examples.html', () => {
  it('renders every example with no axe violation and no console error', async () => {
    const s = await openExamples('ers-key-generator');
    try {
      await s.page.waitForFunction((tag) => [...document.querySelectorAll(tag)].every((el) => el.shadowRoot?.querySelector('form')), EL);
      assert.equal(await s.page.$$eval(EL, (els) => els.length), 2);
      assert.equal(await s.page.inputValue(`section:nth-of-type(2) ${EL} input[name="kid"]`), 'prod-2');
      assert.deepEqual(await checkA11y(s.page, 'main'), []);
      assert.deepEqual(s.consoleErrors, []);
    } finally {
      await s.close();
    }
  });
});

describe('www/keygen.js', () => {
  it('runs one job at a time and rejects an aborted job with AbortError', async () => {
    const s = await openPage('');
    try {
      const result = await s.page.evaluate(async () => {
        const { generateKeyPair } = await import('./keygen.js');
        const phases = [];
        const first = generateKeyPair({ bits: 2048, kid: 'q-1', onProgress: (p) => phases.push(`1:${p.phase}`) });
        const second = generateKeyPair({ bits: 2048, kid: 'q-2', onProgress: (p) => phases.push(`2:${p.phase}`) });
        const controller = new AbortController();
        controller.abort();
        const aborted = await generateKeyPair({ bits: 2048, signal: controller.signal }).catch((e) => e.name);
        const bad = await generateKeyPair({ bits: 1024 }).catch((e) => `${e.name}:${e.code}`);
        const [a, b] = await Promise.all([first, second]);
        return {
          kids: [a.kid, b.kid],
          aborted,
          bad,
          secondQueued: phases.includes('2:queued'),
          firstDoneBeforeSecondStarts: phases.indexOf('1:done') < phases.indexOf('2:generating'),
        };
      });
      assert.deepEqual(result, {
        kids: ['q-1', 'q-2'],
        aborted: 'AbortError',
        bad: 'ErsError:key-size',
        secondQueued: true,
        firstDoneBeforeSecondStarts: true,
      });
    } finally {
      await s.close();
    }
  });
});

describe('www/js/worker-bridge.js', () => {
  let s;
  before(async () => {
    s = await openPage('');
  });
  after(async () => {
    await s?.close();
  });

  /** The blob: workers running under `name`. */
  async function running(name) {
    const names = await Promise.all(s.page.workers().filter((w) => w.url().startsWith('blob:')).map((w) => w.evaluate(() => self.name).catch(() => '')));
    return names.filter((n) => n === name).length;
  }

  it('starts the worker on the first call, answers calls one at a time in order, and stops it when idle', async () => {
    const result = await s.page.evaluate(async () => {
      const { WorkerBridge } = await import('./js/worker-bridge.js');
      const bridge = new WorkerBridge({ url: new URL('./js/ers-worker.js', location.href), name: 'bridge-test idle', idleMs: 300 });
      const before = bridge.running;
      const order = [];
      const calls = [['a', 'b', 'a'], ['c'], ['d', 'd']].map((euos, i) =>
        bridge.call({ name: 'repeatedEuos', args: [euos.map((name) => ({ name }))] }).then((reply) => order.push([i, Array.from(reply.result)])));
      const busyWhileQueued = bridge.busy;
      await Promise.all(calls);
      const afterCalls = bridge.running;
      await new Promise((r) => setTimeout(r, 800));
      return { before, busyWhileQueued, afterCalls, order, afterIdle: bridge.running, busyAfter: bridge.busy };
    });
    assert.deepEqual(result, {
      before: false,
      busyWhileQueued: true,
      afterCalls: true,
      order: [[0, [2]], [1, []], [2, [1]]],
      afterIdle: false,
      busyAfter: false,
    });
    assert.equal(await running('bridge-test idle'), 0, 'the idle worker was terminated');
  });

  it('keeps a worker that holds state, and says a worker that cannot start with WorkerFailed', async () => {
    // A page of its own: the missing worker module is a 404 in its console.
    const own = await openPage('');
    const result = await own.page.evaluate(async () => {
      const { WorkerBridge } = await import('./js/worker-bridge.js');
      const kept = new WorkerBridge({ url: new URL('./js/ers-worker.js', location.href), name: 'bridge-test kept', idleMs: 100, keep: () => true });
      await kept.call({ name: 'repeatedEuos', args: [[]] });
      await new Promise((r) => setTimeout(r, 400));
      const keptRunning = kept.running;
      kept.stop();
      const missing = new WorkerBridge({ url: new URL('./js/no-such-worker.js', location.href), name: 'bridge-test missing' });
      const failure = await missing.call({ name: 'x' }).then(() => 'answered', (e) => e.name);
      return { keptRunning, stopped: kept.running, failure, missingRunning: missing.running };
    });
    await own.close();
    assert.deepEqual(result, { keptRunning: true, stopped: false, failure: 'WorkerFailed', missingRunning: false });
  });

  it('terminates the worker when a call is aborted mid-run, drops the calls queued behind it, and starts afresh after', async () => {
    const result = await s.page.evaluate(async () => {
      const { WorkerBridge } = await import('./js/worker-bridge.js');
      const late = [];
      const bridge = new WorkerBridge({
        url: new URL('./js/keygen-worker.js', location.href),
        name: 'bridge-test abort',
        receive: (d) => (d?.type === 'progress' ? null : d),
        discard: (d) => late.push(d),
      });
      const controller = new AbortController();
      // A whole 4096-bit key in one worker (seconds of wasm): only terminating the worker stops
      // it sooner. Aborted while the worker loads its wasm or searches.
      const long = bridge.call({ request: { bits: 4096 } }, { signal: controller.signal });
      const queued = bridge.call({ op: 'check', requests: [{ bits: 2048 }] });
      await new Promise((r) => setTimeout(r, 150));
      const t = performance.now();
      controller.abort();
      const aborted = await long.then(() => 'answered', (e) => e.name);
      const queuedOutcome = await queued.then(() => 'answered', (e) => e.name);
      const ms = performance.now() - t;
      const runningAfterAbort = bridge.running;
      const again = (await bridge.call({ op: 'check', requests: [{ bits: 2048 }] })).type;
      bridge.stop();
      return { aborted, queuedOutcome, fast: ms < 1000, runningAfterAbort, again, late: late.length };
    });
    assert.deepEqual(result, { aborted: 'AbortError', queuedOutcome: 'AbortError', fast: true, runningAfterAbort: false, again: 'checked', late: 0 });
    assert.equal(await running('bridge-test abort'), 0);
  });

  it('cancelling a batch of keys hands no key over after the abort, and every key worker stops', async () => {
    const result = await s.page.evaluate(async () => {
      const { generateKeyPairs } = await import('./keygen.js');
      const controller = new AbortController();
      const afterAbort = [];
      let aborted = false;
      const outcome = await generateKeyPairs(Array.from({ length: 6 }, (_, i) => ({ bits: 2048, kid: `cancel-${i}` })), {
        signal: controller.signal,
        onKey: (_i, pair) => {
          if (aborted) afterAbort.push(pair.kid);
          aborted = true;
          controller.abort();
        },
      }).then(() => 'resolved', (e) => e.name);
      await new Promise((r) => setTimeout(r, 1500));
      return { outcome, afterAbort };
    });
    assert.deepEqual(result, { outcome: 'AbortError', afterAbort: [] });
    for (let i = 0; i < 40 && (await keyWorkers(s.page)) > 0; i += 1) await s.page.waitForTimeout(50);
    assert.equal(await keyWorkers(s.page), 0, 'every key worker was terminated');
  });

  itLeftNoErrorOrRequestElsewhere(() => s);
});
