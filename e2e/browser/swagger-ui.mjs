// The gateway's Swagger UI in a real browser (Debian's chromium, driven by playwright-core): every service's
// document is listed with its operations; "Authorize" takes a bearer token; "Try it out" on
// GET /api/inventory/products answers 200 through the gateway, and an operation that needs the token
// (GET /api/orders) answers 200 too, with the token sent. A screenshot of the executed catalog request is saved.
//
// Environment: GATEWAY_URL (default http://localhost:8080), TOKEN (a user's JWT: ./platform token <user>),
// CHROMIUM (default /usr/bin/chromium), SCREENSHOT (default target/e2e/swagger-ui.png).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080';
const token = process.env.TOKEN;
const screenshot = process.env.SCREENSHOT ?? 'target/e2e/swagger-ui.png';
if (!token) {
  console.error('TOKEN is required (./platform token <user>)');
  process.exit(2);
}

// a path of each service's document that must be listed: the UI rendered the document, not just its title
const services = {
  'order-service': ['/api/orders', '/api/orders/{id}', '/api/payments/accounts'],
  'inventory-service': ['/api/inventory/products', '/api/inventory/products/{sku}'],
  'scheduler-service': ['/api/scheduler/schedules', '/api/scheduler/runs', '/api/scheduler/jobs', '/api/scheduler/leader'],
  'cache-service': ['/api/cache/entries/{key}', '/api/cache/counters/{name}', '/api/cache/ring'],
};

const profile = mkdtempSync(join(tmpdir(), 'swagger-ui-chromium-'));
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 1000 },
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(30_000);
  const pageErrors = [];
  page.on('pageerror', error => pageErrors.push(error.message));
  page.on('console', message => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });

  await page.goto(`${gateway}/swagger-ui.html`);
  await page.waitForSelector('.topbar select, .topbar #select');
  const listed = await page.$$eval('.topbar select option', options => options.map(option => option.textContent.trim()));
  check(Object.keys(services).every(service => listed.includes(service)),
    `the UI lists every service's document: ${listed.join(', ')}`);

  // every service's operations, as the UI renders them
  for (const [service, paths] of Object.entries(services)) {
    await selectDocument(page, service);
    const shown = await page.$$eval('.opblock .opblock-summary-path',
      elements => elements.map(element => element.getAttribute('data-path') ?? element.textContent.trim()));
    const missing = paths.filter(path => !shown.includes(path));
    check(missing.length === 0, `${service}: ${shown.length} operations shown${missing.length ? `, missing ${missing}` : ''}`);
  }

  // Authorize with the bearer token (the scheme every document declares)
  await selectDocument(page, 'inventory-service');
  await page.click('.auth-wrapper .authorize');
  await page.fill('.modal-ux #auth-bearer-value', token);
  await page.click('.modal-ux .auth-btn-wrapper button.authorize');
  await page.locator('.modal-ux .auth-btn-wrapper button', { hasText: 'Logout' }).waitFor();
  await page.click('.modal-ux .auth-btn-wrapper button.btn-done');
  check(await page.isVisible('.auth-wrapper .authorize.locked'), 'authorized: the lock is closed');

  // Try it out: the catalog, through the gateway
  const catalog = await execute(page, 'get', '/api/inventory/products');
  check(catalog.status === '200', `GET /api/inventory/products from the UI -> ${catalog.status}`);
  check(catalog.requestUrl.startsWith(`${gateway}/api/inventory/products`),
    `the request went to the gateway: ${catalog.requestUrl}`);
  check(catalog.body.includes('"totalElements"'), 'the answer is a page of the catalog');
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);

  // an operation that needs the token: 200 only if the UI sent it
  await selectDocument(page, 'order-service');
  const orders = await execute(page, 'get', '/api/orders');
  check(orders.status === '200', `GET /api/orders from the UI (needs the token) -> ${orders.status}`);
  check(orders.authorization === `Bearer ${token}`, 'the UI sent the bearer token');

  const relevantErrors = pageErrors.filter(error => !error.includes('favicon'));
  check(relevantErrors.length === 0, `no script or policy errors in the page${relevantErrors.length ? `: ${relevantErrors.join(' | ')}` : ''}`);
}
finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

if (failures.length) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('Swagger UI: all checks passed');

async function selectDocument(page, service) {
  await page.selectOption('.topbar select', { label: service });
  await page.waitForFunction(name => {
    const title = document.querySelector('.information-container .title');
    return title && title.textContent.includes(name) && document.querySelectorAll('.opblock').length > 0;
  }, service);
}

/** Expands one operation, "Try it out", "Execute"; the status shown, the request as the browser sent it. */
async function execute(page, method, path) {
  const block = page.locator(`.opblock.opblock-${method}`).filter({
    has: page.locator(`.opblock-summary-path[data-path="${path}"]`),
  }).first();
  if (!(await block.getAttribute('class')).includes('is-open')) {
    await block.locator('.opblock-summary-control, .opblock-summary').first().click();
  }
  // the gateway's UI opens operations ready to try (try-it-out-enabled); otherwise switch it on
  await block.locator('button.try-out__btn').waitFor();
  if (await block.locator('button.execute').count() === 0) {
    await block.locator('button.try-out__btn').click();
  }
  const sent = page.waitForRequest(request => new URL(request.url()).pathname === path && request.method() === method.toUpperCase());
  await block.locator('button.execute').click();
  const request = await sent;
  const status = block.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor();
  const body = await block.locator('.live-responses-table .response-col_description pre, .live-responses-table .microlight').first().textContent();
  await block.scrollIntoViewIfNeeded();
  return {
    // the column reads "200", or "200 Undocumented" for a status the document does not list: that fails too
    status: (await status.textContent()).trim(),
    requestUrl: request.url(),
    authorization: (await request.allHeaders()).authorization,
    body: body ?? '',
  };
}
