/**
 * `npm start`: the gateway on its embedded local default. Creates local secrets when missing,
 * applies the D1 migrations, starts `wrangler dev` (workerd with local D1 and Durable Objects —
 * no account, no network), loads the demo configuration through the admin API and writes the demo
 * credentials. Re-running keeps existing data.
 */
import { AdminClient } from './lib/admin-client.js';
import { loadDemoConfiguration } from './lib/demo-config.js';
import { loadDemoDataset } from './lib/demo-data-load.js';
import { loadDemoOfficers } from './lib/demo-officers.js';
import { writeOfficerKeyFiles } from './lib/officer-key-files.js';
import {
  CREDENTIALS,
  DEFAULT_ISSUER,
  DEMO_DIR,
  DEV_VARS,
  newRootSecret,
  readCredentials,
  readDevVars,
  writeCredentials,
  writeDevVars,
} from './lib/local-files.js';
import { bootstrapAdminsVar, demoPrivacyOfficers } from './lib/privacy-officers.js';
import { applyLocalMigrations, startDevGateway } from './lib/wrangler-dev.js';

const log = (line: string) => console.log(`need2know: ${line}`);

/** Size of the demo dataset; `N2K_DEMO_PERSONS` overrides it (cases are twice as many). */
const DEFAULT_DEMO_PERSONS = 10_000;

async function main(): Promise<void> {
  const previous = readCredentials();
  const officers = await demoPrivacyOfficers(previous?.privacy_officers);
  const vars = readDevVars();
  if (!vars.has('N2K_ROOT_SECRET')) {
    vars.set('N2K_ROOT_SECRET', newRootSecret());
    log(`created a root secret in ${DEV_VARS}`);
  }
  vars.set('N2K_BOOTSTRAP_ADMINS', bootstrapAdminsVar(officers));
  writeDevVars(vars);

  log('applying D1 migrations (local)…');
  applyLocalMigrations();

  log('starting wrangler dev…');
  const startedAt = Date.now();
  let lastScheduleError = '';
  const gateway = await startDevGateway({
    port: 8787,
    scheduled: true,
    onScheduleError: (err) => {
      // Said once per distinct failure, not every minute.
      const message = err instanceof Error ? err.message : String(err);
      if (message !== lastScheduleError) console.error(`need2know: the scheduled job did not run: ${message}`);
      lastScheduleError = message;
    },
  });
  log(`gateway answering after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  const stop = async () => {
    await gateway.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  gateway.child.on('exit', (code) => process.exit(code ?? 1));

  try {
    const [first, second] = officers;
    if (first === undefined || second === undefined) throw new Error('two privacy officers are needed');
    const requester = await AdminClient.signIn(DEFAULT_ISSUER, first);
    const approver = await AdminClient.signIn(DEFAULT_ISSUER, second);
    const clients = await loadDemoConfiguration(requester, approver, previous?.clients ?? [], (l) => log(`  + ${l}`));
    writeCredentials({
      issuer: DEFAULT_ISSUER,
      note: 'Demo credentials of a local need2know gateway. Synthetic; private keys for local use only. Never commit.',
      privacy_officers: officers,
      clients,
    });
    // One file per officer, for signing in to the console.
    writeOfficerKeyFiles(DEMO_DIR, DEFAULT_ISSUER, officers);
    for (const o of await loadDemoOfficers(requester, approver, DEMO_DIR)) {
      log(
        o.enrolled
          ? `  officer ${o.officer_id}: viewer enrolled`
          : `  officer ${o.officer_id}: enrolment code ${o.enrolment_code} (viewer extension; also in .local/demo/officers.json)`,
      );
    }
    const status = await requester.get<{ record_versions_by_key_version: Record<string, number> }>('/field-keys');
    const stored = Object.values(status.record_versions_by_key_version).reduce((a, b) => a + b, 0);
    if (stored === 0) {
      const persons = Number(process.env.N2K_DEMO_PERSONS ?? DEFAULT_DEMO_PERSONS);
      log(
        `loading synthetic demo data (${persons.toLocaleString('en-US')} persons, ${(persons * 2).toLocaleString('en-US')} cases, health cases, discipline records)…`,
      );
      const started = Date.now();
      await loadDemoDataset(DEFAULT_ISSUER, clients, { persons });
      log(`demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } else {
      log(`keeping the ${stored.toLocaleString('en-US')} record versions already stored`);
    }
  } catch (err) {
    console.error('need2know: loading the demo configuration failed:', err);
    await gateway.stop();
    process.exit(1);
  }

  console.log(`
  need2know gateway is running (local D1, R2 and Durable Objects; no account, no network)
  ready ${((Date.now() - startedAt) / 1000).toFixed(0)} s after start; the scheduled job (${gateway.cron?.crons.join(', ') ?? 'none'}, UTC) runs on
  that schedule: it expires ended grants, carries administrative events into the audit log, rotates
  signing keys and purges spent nonces.

    Gateway            ${DEFAULT_ISSUER}
    OAuth metadata     ${DEFAULT_ISSUER}/.well-known/oauth-authorization-server
    JWKS               ${DEFAULT_ISSUER}/.well-known/jwks.json
    OpenAPI            ${DEFAULT_ISSUER}/openapi.json
    Console            ${DEFAULT_ISSUER}/console
                       (sign in with .local/demo/po-sophea.key.json or po-dara.key.json)
    Demo credentials   ${CREDENTIALS}
                       (privacy officers po-sophea and po-dara; partner and data-owner clients)

    Try:  npm run n2k -- grants list
          npm run n2k -- token --client moh-tracing-app --purpose covid-contact-tracing

  Stop with Ctrl-C. Data stays in .wrangler/state for the next start.
`);
}

await main();
