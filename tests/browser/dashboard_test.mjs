// Browser test of the dashboard (docs/dashboard.md): stores the hand-written
// events of dashboard_events.jsonl, starts `tigris serve --port 0` on them,
// loads the page in headless Chromium (Debian's, driven by playwright-core)
// and checks what the timeline, map, alerts, dyads and event table show
// against counts worked out from the fixture (listed below), then clicks
// events and checks their sentences and highlights. A second database holds the
// bundled sample story, coded by `tigris ingest`, to check highlights from the
// story's evidence spans. Screenshots go to --out.
//
//   node dashboard_test.mjs --tigris build/tigris --web-root build/web \
//     --node-modules build/web-npm/node_modules --fixture tests/browser/dashboard_events.jsonl \
//     --sample data/samples/sample.jsonl --out build/tests/browser [--mock]
//
// --mock runs the page against tests/browser/mock_server.js instead of the
// server (no sample phase). Exit status 0 passed, 1 failed, 77 skipped (no
// Chromium or no playwright-core).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SKIP = 77;

function parseArgs(argv) {
  const args = { mock: false };
  for (let i = 0; i < argv.length; ++i) {
    const key = argv[i].replace(/^--/, '');
    if (key === 'mock') args.mock = true;
    else if (['tigris', 'web-root', 'node-modules', 'fixture', 'sample', 'out', 'chromium'].includes(key)) {
      args[key] = argv[++i];
    } else {
      console.error(`dashboard_test: unknown option ${argv[i]}`);
      process.exit(1);
    }
  }
  for (const key of ['web-root', 'node-modules', 'fixture', 'out']) {
    if (!args[key]) {
      console.error(`dashboard_test: --${key} is required`);
      process.exit(1);
    }
  }
  if (!args.mock && !args.tigris) {
    console.error('dashboard_test: --tigris is required (or --mock)');
    process.exit(1);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const chromiumPath = args.chromium || process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.log(`SKIP: ${chromiumPath} is missing; install Debian's chromium (scripts/install-deps)`);
  process.exit(SKIP);
}
let chromium;
try {
  ({ chromium } = createRequire(path.join(path.resolve(args['node-modules']), 'noop.js'))('playwright-core'));
} catch {
  console.log(`SKIP: playwright-core is not installed in ${args['node-modules']} ` +
              '(the build runs npm ci in web/; it failed, offline?)');
  process.exit(SKIP);
}
if (!existsSync(path.join(args['web-root'], 'index.html'))) {
  console.error(`FAIL: ${args['web-root']}/index.html is missing: the dashboard was not built`);
  process.exit(1);
}

// ---- checks -----------------------------------------------------------------
let passed = 0;
let failed = 0;
function check(ok, what, detail = '') {
  if (ok) {
    ++passed;
    console.log(`ok - ${what}`);
  } else {
    ++failed;
    console.log(`FAILED - ${what}${detail ? `: ${detail}` : ''}`);
  }
}
// Objects compare whatever the order of their keys.
const canonical = (value) => JSON.stringify(value, (key, v) =>
  (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));
const same = (actual, expected) => canonical(actual) === canonical(expected);
function checkEqual(actual, expected, what) {
  check(same(actual, expected), what, `got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

// ---- the server ---------------------------------------------------------------
function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${commandArgs.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
}

// Starts the server and resolves to {url, stop} once it prints its address.
function startServer(command, commandArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    let listening = false;
    const early = (code) => reject(new Error(`${command} exited with ${code} before listening: ${stderr}`));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "listening on" line from ${command} within 60 s; stderr: ${stderr}`));
    }, 60000);
    child.on('exit', early);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = !listening && /listening on (http:\/\/\S+)\s/.exec(stderr);
      if (!match) return;
      listening = true;
      clearTimeout(timer);
      child.removeListener('exit', early);
      const stop = () => new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode ?? child.signalCode);
        child.once('exit', (code, signal) => done(code ?? signal));
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
      resolve({ url: match[1].replace(/\/$/, ''), stop });
    });
  });
}

// ---- reading the page -----------------------------------------------------------
const bars = (page) => page.$$eval('#timeline .period', (nodes) =>
  Object.fromEntries(nodes.map((n) => [n.dataset.period, Number(n.dataset.events)])));
const quadsOf = (page, period) => page.$$eval(`#timeline .period[data-period="${period}"] rect[data-quad]`,
  (nodes) => Object.fromEntries(nodes.map((n) => [n.dataset.quad, Number(n.dataset.count)])));
const circles = (page) => page.$$eval('#map circle.place', (nodes) =>
  Object.fromEntries(nodes.map((n) => [n.dataset.place, Number(n.dataset.events)])));
const text = (page, selector) => page.$eval(selector, (n) => n.textContent.trim());
const rowDates = (page) => page.$$eval('#events-table tbody tr.event-row', (rows) =>
  rows.map((r) => r.cells[0].textContent));
const marks = (page) => page.$$eval('#detail .sentence mark', (nodes) =>
  Object.fromEntries(nodes.map((n) => [n.dataset.kind, n.textContent])));

// Script errors, and failed requests other than a story the database lacks
// (events stored with --events have no story text: the page then marks the
// event's own words, and the browser logs the 404).
function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith('/v1/stories/')) {
      errors.push(`${r.status()} ${r.url()}`);
    }
  });
  return errors;
}

async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.panel[aria-busy="true"]'));
}
async function waitText(page, selector, expected) {
  try {
    await page.waitForFunction(([s, e]) => {
      const node = document.querySelector(s);
      return node && node.textContent.includes(e);
    }, [selector, expected], { timeout: 20000 });
  } catch {
    // The check that follows reports what is there.
  }
  await settled(page);
}

// ---- what the fixture holds (dashboard_events.jsonl, worked out by hand) -------
// 18 events; weeks start on Monday. fx-17 is dated "2025-03" only (imprecise for
// a week series). fx-08 and fx-17 have no place. Week of:
//   03-03: fx-01 q4, fx-02 q4, fx-03 q3, fx-04 q2            -> 4
//   03-10: fx-05 q4, fx-06 q1, fx-07 q1, fx-08 q3, fx-18 q1  -> 5
//   03-17: fx-09 q4, fx-10 q4, fx-11 q1                      -> 3
//   03-24: none                                              -> 0
//   03-31: fx-12 q4, fx-13 q4, fx-14 q4, fx-15 q3, fx-16 q4  -> 5
const ALL_WEEKS = { '2025-03-03': 4, '2025-03-10': 5, '2025-03-17': 3, '2025-03-24': 0, '2025-03-31': 5 };
const ALL_PLACES = { Odesa: 3, Kyiv: 3, 'Bandar Abbas': 3, Kharkiv: 2, Ankara: 2, Belgorod: 1, Beijing: 1,
                     Washington: 1 };
// RUS->UKR: fx-01, 02 (03-03), 05 (03-10), 09 (03-17), 16 (03-31), 17 (imprecise).
const RUS_UKR_WEEKS = { '2025-03-03': 2, '2025-03-10': 1, '2025-03-17': 1, '2025-03-24': 0, '2025-03-31': 1 };
// Both directions adds UKR->RUS fx-03 (03-03) and fx-10 (03-17).
const RUS_UKR_BOTH_WEEKS = { '2025-03-03': 3, '2025-03-10': 1, '2025-03-17': 2, '2025-03-24': 0, '2025-03-31': 1 };
// Material conflict in the 7 days to the last event (2025-03-27..04-02): IRN->USA
// fx-12, 13, 14 with nothing before (expected 0.5/84*7); RUS->UKR fx-16 alone.
const FX01_SENTENCE = "Russian forces fired missiles at Ukraine's port of Odesa on Monday, the regional governor said.";

async function fixturePhase(browser, baseUrl) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
  const errors = watchErrors(page);
  await page.goto(`${baseUrl}/`);
  await waitText(page, '#timeline-summary', 'events');
  await waitText(page, '#db-status', 'in the database');

  check((await text(page, '#db-status')).startsWith('18 events in the database'), 'header counts 18 stored events',
        await text(page, '#db-status'));
  checkEqual(await bars(page), ALL_WEEKS, 'timeline: events per week, empty week included');
  checkEqual(await quadsOf(page, '2025-03-10'), { 1: 3, 3: 1, 4: 1 }, 'timeline: week of 03-10 stacked by quad class');
  checkEqual(await quadsOf(page, '2025-03-31'), { 3: 1, 4: 4 }, 'timeline: week of 03-31 stacked by quad class');
  check(await page.$eval('#timeline path.goldstein', (p) => (p.getAttribute('d') || '').length > 0),
        'timeline: the Goldstein line is drawn');
  checkEqual(await text(page, '#timeline-summary'),
             '17 events in 5 weeks; 1 event with a date less precise than a week not shown', 'timeline summary');
  checkEqual(await circles(page), ALL_PLACES, 'map: one circle per place with its count');
  const radius = async (name) => Number(await page.$eval(`#map circle[data-place="${name}"]`, (c) => c.getAttribute('r')));
  check(await radius('Odesa') > await radius('Kharkiv') && await radius('Kharkiv') > await radius('Beijing'),
        'map: circles grow with the count');
  check(await page.$$eval('#map path.country', (p) => p.length) > 200, 'map: country outlines drawn');
  // The default CUSUM: IRN->USA's three events on three days add ln 3 - 2 * 0.5/84 = 1.087
  // each, a score of 3.26, under the threshold of 4 (docs/alerts.md).
  checkEqual(await page.$$eval('#alerts button.alert', (b) => b.length), 0, 'alerts (CUSUM): none');
  check((await text(page, '#alerts')).includes('No alerts.'), 'alerts (CUSUM): says so', await text(page, '#alerts'));
  await page.selectOption('#alert-method', 'poisson');
  await settled(page);
  check(page.url().includes('method=poisson'), 'the alert test is kept in the URL', page.url());
  checkEqual(await page.$$eval('#alerts button.alert', (b) => b.map((x) => [x.dataset.dyad, Number(x.dataset.observed)])),
             [['IRN->USA', 3]], 'alerts (Poisson): IRN->USA with 3 events in the window, nothing else');
  checkEqual(await page.$$eval('#dyads button.dyad', (b) => b.slice(0, 2).map((x) => x.dataset.dyad)),
             ['RUS->UKR', 'IRN->USA'], 'dyads: the busiest first');
  checkEqual(await text(page, '#events-range'), 'Events 1–18 of 18', 'table: range with 25 rows a page');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(args.out, 'dashboard.png'), fullPage: true });

  // Pages of 10: 18 events sorted by date ("2025-03" first).
  await page.selectOption('#page-size', '10');
  await waitText(page, '#events-range', 'of 18');
  checkEqual(await text(page, '#events-range'), 'Events 1–10 of 18', 'table: first page of 10');
  checkEqual((await rowDates(page)).slice(0, 3), ['2025-03', '2025-03-03', '2025-03-05'], 'table: sorted by date');
  await page.click('#page-next');
  await waitText(page, '#events-range', 'Events 11');
  checkEqual(await text(page, '#events-range'), 'Events 11–18 of 18', 'table: second page');
  checkEqual((await rowDates(page)).length, 8, 'table: 8 rows on the second page');
  check(await page.$eval('#page-next', (b) => b.disabled), 'table: no page after the last');

  // The dyad picker: RUS -> UKR from the top dyads.
  await page.click('#dyads button[data-dyad="RUS->UKR"]');
  await waitText(page, '#events-range', 'of 6');
  checkEqual(await page.$eval('#f-source', (s) => s.value) + '->' + await page.$eval('#f-target', (s) => s.value),
             'RUS->UKR', 'picker: the dyad sets source and target');
  checkEqual(await bars(page), RUS_UKR_WEEKS, 'timeline for RUS->UKR');
  checkEqual(await circles(page), { Odesa: 3, Kharkiv: 2 }, 'map for RUS->UKR');
  checkEqual(await text(page, '#events-range'), 'Events 1–6 of 6', 'table for RUS->UKR');

  // Clicking an event shows its sentence with the actors and the verb marked.
  await page.click('#events-table tbody tr.event-row:has(td:text-is("2025-03-03"))');
  await page.waitForSelector('#detail .sentence', { timeout: 20000 });
  checkEqual(await text(page, '#detail .sentence'), FX01_SENTENCE, 'evidence: the event\'s sentence');
  checkEqual(await marks(page), { source: 'Russian forces', target: 'Ukraine', verb: 'fired' },
             'evidence: source actor, target actor and verb highlighted');
  check(await page.$eval('#events-table tr[aria-selected="true"]', (r) => r.cells[0].textContent) === '2025-03-03',
        'table: the clicked row is marked selected');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(args.out, 'dashboard-dyad.png'), fullPage: true });

  // Both directions: adds UKR -> RUS.
  await page.check('#f-both');
  await waitText(page, '#events-range', 'of 8');
  checkEqual(await text(page, '#events-range'), 'Events 1–8 of 8', 'table for RUS<->UKR');
  checkEqual(await bars(page), RUS_UKR_BOTH_WEEKS, 'timeline for RUS<->UKR');
  checkEqual(await circles(page), { Odesa: 3, Kharkiv: 2, Kyiv: 1, Belgorod: 1 }, 'map for RUS<->UKR');

  // An alert narrows everything to its dyad and window.
  await page.click('#alerts button[data-dyad="IRN->USA"]');
  await waitText(page, '#events-range', 'of 3');
  checkEqual(await text(page, '#events-range'), 'Events 1–3 of 3', 'table for the alert');
  checkEqual(await circles(page), { 'Bandar Abbas': 3 }, 'map for the alert');
  checkEqual([await page.$eval('#f-from', (i) => i.value), await page.$eval('#f-to', (i) => i.value)],
             ['2025-03-27', '2025-04-02'], 'the alert\'s window fills the dates');
  // A target-less event (fx-18) shows with its source only.
  await page.click('#f-reset');
  await waitText(page, '#events-range', 'of 18');
  await page.selectOption('#f-source', 'UKR');
  await waitText(page, '#events-range', 'of 3');
  checkEqual(await text(page, '#events-range'), 'Events 1–3 of 3', 'table for source UKR (fx-03, fx-10, fx-18)');
  await page.click('#events-table tbody tr.event-row:has(td:text-is("2025-03-12"))');
  await page.waitForSelector('#detail .sentence');
  checkEqual(await marks(page), { source: "Ukraine's president", verb: 'said' }, 'evidence: an event without a target');
  // The keyboard works too: Enter on a focused row (fx-10).
  await page.focus('#events-table tbody tr.event-row:has(td:text-is("2025-03-19"))');
  await page.keyboard.press('Enter');
  await waitText(page, '#detail .sentence', 'Belgorod');
  checkEqual(await marks(page), { source: 'Ukrainian artillery', target: 'Russian positions', verb: 'hit' },
             'evidence: a row opened with the keyboard');
  checkEqual(errors, [], 'no errors in the page');
  await page.close();
}

// The sample story coded by `tigris ingest`: its events carry spans into the
// story text, so the marks come from /v1/stories/{id}.
async function samplePhase(browser, baseUrl, sampleFile) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
  const errors = watchErrors(page);
  await page.goto(`${baseUrl}/`);
  await waitText(page, '#events-range', 'Events');
  const first = await (await fetch(`${baseUrl}/v1/events?limit=1`)).json();
  const event = first.events[0];
  await page.click(`#events-table tr[data-event-id="${event.id}"]`);
  await page.waitForSelector('#detail .sentence');
  const storyText = JSON.parse(readFileSync(sampleFile, 'utf8').split('\n')[0]).text;
  const sentence = await text(page, '#detail .sentence');
  check(storyText.includes(sentence) && sentence.length > 20, 'sample: the sentence is a sentence of the story',
        sentence);
  const shown = await marks(page);
  check(shown.source === event.source.text, 'sample: the source actor is marked', JSON.stringify(shown));
  check(shown.verb === event.evidence.verb, 'sample: the verb is marked', JSON.stringify(shown));
  if (event.target) check(shown.target === event.target.text, 'sample: the target actor is marked', JSON.stringify(shown));
  checkEqual(await text(page, '#detail .method'), 'Marks from the evidence offsets stored with the story.',
             'sample: marks come from the story\'s spans');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(args.out, 'dashboard-sample.png'), fullPage: true });
  checkEqual(errors, [], 'sample: no errors in the page');
  await page.close();
}

async function main() {
  mkdirSync(args.out, { recursive: true });
  const servers = [];
  let browser = null;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
                                      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    if (args.mock) {
      servers.push(await startServer(process.execPath, [path.join(here, 'mock_server.js'), '--events', args.fixture,
                                                        '--web-root', args['web-root'], '--port', '0']));
      await fixturePhase(browser, servers[0].url);
    } else {
      const db = path.join(args.out, 'dashboard.sqlite');
      for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
      run(args.tigris, ['ingest', '--events', args.fixture, '--db', db]);
      servers.push(await startServer(args.tigris, ['serve', '--db', db, '--port', '0', '--web-root', args['web-root']]));
      await fixturePhase(browser, servers[0].url);
      if (args.sample) {
        const sampleDb = path.join(args.out, 'sample.sqlite');
        for (const suffix of ['', '-wal', '-shm']) rmSync(sampleDb + suffix, { force: true });
        run(args.tigris, ['ingest', args.sample, '--db', sampleDb]);
        servers.push(await startServer(args.tigris, ['serve', '--db', sampleDb, '--port', '0', '--web-root',
                                                     args['web-root']]));
        await samplePhase(browser, servers[1].url, args.sample);
      }
    }
  } catch (error) {
    check(false, 'the test ran to the end', error.stack || String(error));
  } finally {
    if (browser) await browser.close();
    for (const server of servers) {
      const status = await server.stop();
      check(status === 0 || status === 'SIGTERM', 'the server stopped cleanly on SIGTERM', `exit ${status}`);
    }
  }
  console.log(`screenshots in ${path.resolve(args.out)}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
