import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import next from 'next';
import { parseConfig, ConfigError, isLoopbackHost } from './config';
import { DEFAULT_ENGINE_NAME } from '../lib/protocol/engines';
import { getEngine, listEngines } from './engine';
import { initAddedEngines } from './engine/added-engines';
import { firstScreenFrom } from './first-screen';
import { setFirstScreen } from '../lib/protocol/first-screen';
import { EngineHubs } from './hub/engine-hubs';
import { EngineStatuses, setEngineStatuses } from './hub/engine-statuses';
import { CONTAINER_LIST_PATH, serveContainerList } from './http/container-list-route';
import { rewritePageDocument } from './http/page-document';
import { skipCompressionOnLoopback } from './http/loopback-identity';
import { homeRedirect } from './http/home-route';
import { IMAGE_LIST_PATH, serveImageList } from './http/image-list-route';
import { isFileDownloadRequest, serveFileDownload } from './http/file-download-route';
import { isImageDetailRequest, serveImageDetail } from './http/image-detail-route';
import { resourceListPath, serveResourceList } from './http/volume-network-list-route';
import { isRunRequest, serveRun } from './http/run-route';
import { isTransferPath, serveTransfer } from './http/transfer-routes';
import { initRegistryStore } from './registry/credentials';
import { initTaskHistory, taskManager } from './tasks/task-manager';
import { setRuntime } from './runtime';
import { chooseEngine } from './sandbox';
import { initAudit } from './security/audit';
import { auditMutations } from './security/audit-http';
import { handleAuthRoute } from './security/auth-routes';
import { Gate, writeVerdict } from './security/gate';
import { applySecurityHeaders } from './security/headers';
import { allowedHostSet } from './security/host-origin';
import { readPasswordHash } from './security/password';
import { runSetPassword } from './security/password-command';
import { redactProcessOutput } from './security/redact-output';
import { stripForNext } from './security/sanitise';
import { loadOrCreateToken } from './security/token-store';
import { createUpgradeRouter } from './ws/upgrade';

const log = (msg: string) => process.stderr.write(`dockside: ${msg}\n`);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `/api/containers` or `/api/containers?…`, without parsing a URL on every request. */
const isPath = (url: string | undefined, path: string) => url === path || (url?.startsWith(path) === true && url[path.length] === '?');

/**
 * A mutation (start, remove, prune…) changes the list: drop it when the response goes out, since
 * the browser refetches as soon as it has the response, possibly before the engine's event is here.
 * Every engine's kept list is dropped: mutations are rare, and re-reading a list is cheap.
 */
function forgetListsOnResponse(hubs: EngineHubs, res: http.ServerResponse): void {
  hubs.invalidateLists();
  res.once('finish', () => hubs.invalidateLists());
  res.once('close', () => hubs.invalidateLists());
}

async function main(): Promise<void> {
  if (process.argv[2] === 'set-password') process.exit(await runSetPassword(process.argv.slice(3), log));
  let config;
  try {
    config = parseConfig(process.argv.slice(2));
  } catch (err) {
    log(err instanceof ConfigError || err instanceof TypeError ? err.message : String(err));
    process.exit(2);
  }

  // Engines added on the /engines page live in the config dir; the registry reads them from there.
  initAddedEngines(config.configDir);
  const engine = await chooseEngine(config, log);
  const token = config.auth ? loadOrCreateToken(config.configDir, config.newToken) : null;
  // A new token signs every browser out too.
  if (config.newToken) fs.rmSync(path.join(config.configDir, 'sessions.json'), { force: true });
  const auditFile = initAudit(config.configDir);
  initRegistryStore(config.configDir);
  initTaskHistory(config.configDir);

  const dir = path.resolve(import.meta.dirname, '..');
  const app = next({ dev: config.dev, dir, hostname: config.host, port: config.port, customServer: true });
  await app.prepare();
  const handle = app.getRequestHandler();

  const tls = config.tlsCert && config.tlsKey ? { cert: fs.readFileSync(config.tlsCert), key: fs.readFileSync(config.tlsKey) } : null;
  const scheme = tls ? 'https' : 'http';
  let gate: Gate | null = null;
  let hubs: EngineHubs | null = null;

  const onRequest: http.RequestListener = (req, res) => {
    if (!gate) {
      applySecurityHeaders(req, res, config.dev);
      return void res.writeHead(503).end();
    }
    const g = gate;
    const audited = auditMutations(req, res, () => g.actor(req));
    const verdict = gate.check(req, 'http');
    // The list routes send their security headers themselves, with the rest of the header block in one go.
    // They change nothing (other methods get a 405), so they need no forgetting of the kept lists.
    if (verdict.ok && hubs && isPath(req.url, CONTAINER_LIST_PATH)) {
      serveContainerList(req, req.url!, res, hubs);
      return audited.settled();
    }
    if (verdict.ok && hubs && isPath(req.url, IMAGE_LIST_PATH)) {
      serveImageList(req, req.url!, res, hubs);
      return audited.settled();
    }
    if (verdict.ok && hubs && isImageDetailRequest(req)) {
      serveImageDetail(req, res, hubs);
      return audited.settled();
    }
    const resourceList = verdict.ok && hubs ? resourceListPath(req) : null;
    if (resourceList && hubs) {
      serveResourceList(req, resourceList, res, hubs);
      return audited.settled();
    }
    applySecurityHeaders(req, res, config.dev);
    if (!verdict.ok) {
      writeVerdict(res, verdict);
      return audited.settled();
    }
    const home = homeRedirect(req);
    if (home) {
      res.writeHead(307, { Location: home, 'Cache-Control': 'no-store' }).end();
      return audited.settled();
    }
    if (hubs && !SAFE_METHODS.has(req.method ?? '')) forgetListsOnResponse(hubs, res);
    // Uploads and downloads (build, load, import, save, export) and task starts stream here, not through Next.
    if (isTransferPath((req.url ?? '').split('?')[0]!)) {
      void serveTransfer(req, res, g.actor(req)).finally(() => audited.settled());
      return;
    }
    // `docker run` from the form: the engine's create + start, without Next's routing in front of it.
    if (isRunRequest(req)) {
      void serveRun(req, res).finally(() => audited.settled());
      return;
    }
    if (hubs && isFileDownloadRequest(req)) {
      void serveFileDownload(req, res, hubs).finally(() => audited.settled());
      return;
    }
    void (async () => {
      try {
        if (await handleAuthRoute(g, req, res)) return;
        stripForNext(req);
        skipCompressionOnLoopback(req);
        // Production pages only: the dev server's scripts (its HMR client among them) stay as Next has them.
        if (!config.dev) rewritePageDocument(req, res);
        await handle(req, res);
      } catch (err) {
        log(`request failed: ${(err as Error).message}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ code: 'internal', message: 'Internal error.' }));
      } finally {
        audited.settled();
      }
    })();
  };
  const server = tls ? https.createServer(tls, onRequest) : http.createServer(onRequest);
  server.headersTimeout = 30_000;
  server.requestTimeout = 0; // Long downloads (logs, exports) must not be cut off.

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const configDir = config.configDir;
  gate = new Gate({
    allowedHosts: allowedHostSet(config.host, port, config.allowedHosts),
    scheme,
    token,
    readOnly: config.readOnly,
    passwordHash: () => readPasswordHash(configDir),
    sessionFile: token ? path.join(configDir, 'sessions.json') : undefined,
  });

  // Only the default engine can be the sandbox Dockside started.
  const statusContext = (e: { name: string }) => ({ sandbox: engine.sandbox && e.name === DEFAULT_ENGINE_NAME, readOnly: config.readOnly });
  // Every engine's last known status, so the engine list answers at once (hung engines included).
  const statuses = new EngineStatuses({
    liveStatus: (name) => {
      const h = hubs?.peek(name);
      return h?.events.probed ? h.events.status : null;
    },
    statusContext,
  });
  setEngineStatuses(statuses);
  const engineHubs = new EngineHubs({
    engine: getEngine,
    statusContext,
    onStatus: (name, status) => statuses.noteLive(name, status),
    log,
    // Test hook: a long age makes the coherence tests fail if an invalidation goes missing.
    listMaxAgeMs: Number(process.env.DOCKSIDE_LIST_MAX_AGE_MS) || undefined,
    imageListMaxAgeMs: Number(process.env.DOCKSIDE_LIST_MAX_AGE_MS) || undefined,
    // Test hook: integration tests count the engine stats streams from this line.
    onStatsStreamCount:
      process.env.DOCKSIDE_DEBUG_STATS === '1'
        ? (name, n) => log(name === DEFAULT_ENGINE_NAME ? `stats streams open: ${n}` : `stats streams open on engine ${name}: ${n}`)
        : undefined,
  });
  // The default engine's hub runs for the server's life: the banner, `hello` frames, the list route.
  const hub = engineHubs.pin();
  setRuntime({
    sandbox: engine.sandbox,
    readOnly: config.readOnly,
    tokenPath: token ? displayPath(path.join(config.configDir, 'token')) : undefined,
    engineStatus: (name) => engineHubs.peek(name)?.events.status ?? null,
  });
  hubs = engineHubs;
  setFirstScreen(firstScreenFrom(engineHubs));
  await hub.ready;
  // The first list then knows every engine that answers promptly; a hung one holds start-up no longer than this.
  statuses.refreshAll();
  await Promise.race([statuses.settled(), new Promise((r) => setTimeout(r, 3000).unref())]);

  const upgrades = createUpgradeRouter({ gate, hubs: engineHubs, nextUpgrade: config.dev ? app.getUpgradeHandler() : null });
  server.on('upgrade', upgrades.onUpgrade);

  const shownHost = isLoopbackHost(config.host) ? 'localhost' : config.host;
  const base = `${scheme}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  const status = hub.events.status;
  log(`engine: ${status.reachable ? `Docker ${status.version} at ${status.endpoint}` : `unreachable (${status.error})`}`);
  for (const extra of listEngines().filter((e) => e.name !== DEFAULT_ENGINE_NAME)) log(`engine ${extra.name}: ${extra.label}`);
  if (config.readOnly) log('read-only mode: views, logs and stats only.');
  log(`audit log: ${auditFile}`);
  if (!isLoopbackHost(config.host) && !tls) log(`WARNING: listening on ${config.host} without TLS: the session cookie crosses the network in clear text.`);
  if (token) {
    log(`ready. Open this URL to sign in (the token is in ${path.join(config.configDir, 'token')}):`);
    process.stdout.write(`\n    ${base}/?token=${token}\n\n`);
    if (gate.passwordEnabled) log('a password is set: the sign-in page also takes it.');
    // The line above is the only place the token is ever printed.
    redactProcessOutput([token]);
  } else {
    log(`ready at ${base}`);
    log('WARNING: --no-auth: any program or web page on this machine that can reach this port can drive Docker as root.');
  }
  const readyFile = process.env.DOCKSIDE_READY_FILE;
  if (readyFile) {
    // Written whole, then renamed into place: a reader polling for the file never sees it empty.
    fs.writeFileSync(`${readyFile}.tmp`, JSON.stringify({ port, url: base }));
    fs.renameSync(`${readyFile}.tmp`, readyFile);
  }

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: shutting down…`);
    // The task history as it is now, before closing connections fails the running uploads.
    const historyWritten = taskManager().closeHistory();
    upgrades.close();
    engineHubs.stop();
    server.close();
    server.closeAllConnections();
    engine.release();
    // Exec sessions are hung up before exiting, or their processes would outlive Dockside in the containers;
    // the task history's last write (off the event loop) lands first.
    void Promise.allSettled([app.close(), historyWritten, ...listEngines().map((e) => e.exec.hangUpAll())]).finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  log(`failed to start: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});

/** A path as a person would type it: the home directory as `~`. */
function displayPath(p: string): string {
  const home = os.homedir();
  return home && (p === home || p.startsWith(`${home}${path.sep}`)) ? `~${p.slice(home.length)}` : p;
}
