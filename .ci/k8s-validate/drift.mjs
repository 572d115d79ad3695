// Keeps the deployment files honest against the code: every service, port and configuration variable the
// code uses must appear in docker-compose.yml and in every Kubernetes overlay, and nothing there may be left
// over from code that no longer exists.
//
//   node drift.mjs <repo> <compose-config.yaml> <overlay-name>=<rendered.yaml>...
//
// <compose-config.yaml> is the output of `docker-compose config` (anchors, merges and ${VAR:-default}
// resolved). Facts about the code are read from the code itself: the Maven modules and their
// spring.application.name, the ${VARIABLE} placeholders of config/*.yml and platform-starter's platform.yml,
// the lb:// routes of config/gateway.yml, and config/*.yml as a whole (the keys of Consul KV).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { parseManifests } from './validate.mjs';

// Placeholders the containers must NOT be given, and why.
const NOT_FOR_CONTAINERS = {
  SEATA_SERVER_ADDRESS: 'local mode only: in docker and k8s the coordinator is found through Consul',
  PLATFORM_CONFIG_DIR: 'local mode only: docker and k8s read config/ from Consul KV',
  PLATFORM_RUN_DIR: 'local mode only: the discovery list of ./platform',
  HOSTNAME: 'set by the container runtime (unique instance ids)',
};
// Set on containers although no placeholder reads them: they configure Spring or the JVM themselves.
const RUNTIME = { SPRING_PROFILES_ACTIVE: null, JAVA_TOOL_OPTIONS: null };
const PROFILE = { compose: 'docker', k8s: 'k8s' };

const placeholders = (text) => new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)[:}]/g)].map((match) => match[1]));
const union = (...sets) => new Set(sets.flatMap((set) => [...set]));

/** What the code says: services, the variables each reads, config documents, gateway routes. */
export function codeFacts(repo) {
  const pom = readFileSync(join(repo, 'pom.xml'), 'utf8');
  const apps = new Map();
  for (const [, module] of pom.matchAll(/<module>([^<]+)<\/module>/g)) {
    const file = join(repo, module, 'src/main/resources/application.yml');
    if (!existsSync(file) || !readFileSync(join(repo, module, 'pom.xml'), 'utf8').includes('spring-boot-maven-plugin')) continue;
    // an application.yml may hold profile-specific documents after the first (---)
    const name = parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => doc.toJS()?.spring?.application?.name).find(Boolean);
    if (name) apps.set(name, module);
  }
  const configDir = join(repo, 'config');
  const configFiles = readdirSync(configDir).filter((file) => file.endsWith('.yml')).sort();
  const read = (file) => readFileSync(join(configDir, file), 'utf8');
  const shared = union(
    placeholders(read('application.yml')),
    placeholders(readFileSync(join(repo, 'platform-starter/src/main/resources/META-INF/microplatform/platform.yml'), 'utf8')),
  );
  const variables = new Map();
  for (const app of apps.keys()) {
    const own = configFiles.includes(`${app}.yml`) ? placeholders(read(`${app}.yml`)) : new Set();
    variables.set(app, new Set([...union(shared, own)].filter((variable) => !(variable in NOT_FOR_CONTAINERS))));
  }
  const routes = (parse(read('gateway.yml'))?.spring?.cloud?.gateway?.server?.webflux?.routes ?? [])
    .map((route) => route.uri).filter((uri) => uri?.startsWith('lb://')).map((uri) => uri.slice(5));
  // the documented vocabulary (README, Configuration): declared for code that is on its way
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const documented = new Set([...readme.matchAll(/^\|[^|\n]*\|/gm)].flatMap((row) => [...row[0].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])));
  return { apps, variables, configFiles, routes, documented };
}

/** Checks the environment one container gets against what its application reads. */
function checkEnvironment(where, app, env, facts, profile, errors, warnings) {
  const needed = facts.variables.get(app);
  for (const variable of needed) {
    if (!(variable in env)) errors.push(`${where}: ${app} reads \${${variable}} but it is not set`);
  }
  for (const variable of Object.keys(env)) {
    if (needed.has(variable) || variable in RUNTIME) continue;
    if (variable in NOT_FOR_CONTAINERS) errors.push(`${where}: ${variable} must not be set (${NOT_FOR_CONTAINERS[variable]})`);
    else if (facts.documented.has(variable)) warnings.push(`${where}: ${variable} is documented (README) but no code of ${app} reads it yet`);
    else errors.push(`${where}: ${variable} is set but nothing in ${app}'s code or configuration reads it (stale?)`);
  }
  if (env.SPRING_PROFILES_ACTIVE !== profile) errors.push(`${where}: SPRING_PROFILES_ACTIVE must be ${profile}, is ${env.SPRING_PROFILES_ACTIVE}`);
}

function seataClusters(repo, files) {
  return files.map((file) => parse(readFileSync(join(repo, file), 'utf8'))?.seata?.registry?.consul?.cluster);
}

export function checkCompose(repo, compose, facts) {
  const errors = [];
  const warnings = [];
  const services = compose.services ?? {};
  const instances = new Map([...facts.apps.keys()].map((app) => [app, []]));
  // one-shot jobs (others wait for their successful exit) have no health to check
  const jobs = new Set(Object.values(services).flatMap((definition) => Object.entries(definition.depends_on ?? {})
    .filter(([, condition]) => condition?.condition === 'service_completed_successfully').map(([dependency]) => dependency)));
  for (const [service, definition] of Object.entries(services)) {
    const where = `docker-compose ${service}`;
    if (!definition.healthcheck?.test && !jobs.has(service)) errors.push(`${where}: no healthcheck`);
    if (!definition.deploy?.resources?.limits?.memory && !definition.mem_limit) errors.push(`${where}: no memory limit`);
    for (const [dependency, condition] of Object.entries(definition.depends_on ?? {})) {
      if (!services[dependency]) errors.push(`${where}: depends on unknown service ${dependency}`);
      const wanted = condition?.condition;
      if (wanted !== 'service_healthy' && wanted !== 'service_completed_successfully') errors.push(`${where}: depends on ${dependency} without a health condition (${wanted})`);
    }
    const module = definition.build?.args?.MODULE;
    if (!module) continue;
    const app = [...facts.apps].find(([, m]) => m === module)?.[0];
    if (!app) {
      errors.push(`${where}: builds module ${module}, which is no service of the code (stale?)`);
      continue;
    }
    instances.get(app).push(service);
    const env = definition.environment ?? {};
    checkEnvironment(where, app, env, facts, PROFILE.compose, errors, warnings);
    const port = env.SERVER_PORT;
    if (!JSON.stringify(definition.healthcheck?.test ?? '').includes(`localhost:${port}/actuator/health/readiness`)) {
      errors.push(`${where}: the healthcheck must call /actuator/health/readiness on SERVER_PORT ${port}`);
    }
    if (app === 'gateway' && !(definition.ports ?? []).some((p) => String(p.target ?? p).endsWith(String(port)) && String(p.published ?? p).startsWith('8080'))) {
      errors.push(`${where}: the gateway must be published on 8080 -> ${port}`);
    }
  }
  for (const [app, names] of instances) {
    const wanted = app === 'inventory-service' || app === 'scheduler-service' ? 2 : 1;
    if (names.length < wanted) errors.push(`docker-compose: ${app} needs ${wanted} instance(s), has ${names.length}`);
  }
  const loader = services['consul-config-loader'];
  // long syntax ({source, target}) or short (source:target[:mode]), as docker-compose config prints it
  const mounts = (loader?.volumes ?? []).map((volume) => typeof volume === 'string' ? volume.split(':') : [volume.source, volume.target]);
  if (!mounts.some(([source, target]) => String(source).replace(/\/$/, '') === resolve(repo, 'config') && target === '/config')) {
    errors.push('docker-compose consul-config-loader: must mount ./config (the documents of Consul KV)');
  }
  const [cluster] = seataClusters(repo, ['deploy/seata/application.yml']);
  for (const [service, definition] of Object.entries(services)) {
    const value = definition.environment?.SEATA_CLUSTER;
    if (value !== undefined && value !== cluster) errors.push(`docker-compose ${service}: SEATA_CLUSTER ${value} but the coordinator registers as ${cluster}`);
  }
  return { errors, warnings };
}

export function checkOverlay(repo, overlay, objects, facts) {
  const errors = [];
  const warnings = [];
  const configMaps = new Map(objects.filter((o) => o.kind === 'ConfigMap').map((map) => [map.metadata.name, map.data ?? {}]));
  const deployments = objects.filter((o) => o.kind === 'Deployment' && o.spec?.template?.metadata?.labels?.['app.kubernetes.io/component'] === 'service');
  const seen = new Set();
  for (const deployment of deployments) {
    const app = deployment.metadata.name;
    const where = `k8s ${overlay} Deployment/${app}`;
    if (!facts.apps.has(app)) {
      errors.push(`${where}: no service of the code has this name (stale?)`);
      continue;
    }
    seen.add(app);
    const container = deployment.spec.template.spec.containers.find((c) => c.name === app) ?? deployment.spec.template.spec.containers[0];
    const env = {};
    for (const source of container.envFrom ?? []) Object.assign(env, configMaps.get(source.configMapRef?.name) ?? {});
    for (const variable of container.env ?? []) env[variable.name] = variable.value ?? `<${Object.keys(variable.valueFrom ?? {})[0]}>`;
    checkEnvironment(where, app, env, facts, PROFILE.k8s, errors, warnings);
    const http = (container.ports ?? []).find((port) => port.name === 'http');
    if (!http || String(http.containerPort) !== String(env.SERVER_PORT)) errors.push(`${where}: containerPort http (${http?.containerPort}) must equal SERVER_PORT (${env.SERVER_PORT})`);
    if (!objects.some((o) => o.kind === 'Service' && o.metadata.name === app)) errors.push(`${where}: no Service ${app} (lb:// and Consul use the name)`);
  }
  for (const app of facts.apps.keys()) if (!seen.has(app)) errors.push(`k8s ${overlay}: no Deployment for service ${app}`);

  const generated = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('platform-config'));
  const keys = Object.keys(generated?.data ?? {}).sort();
  if (JSON.stringify(keys) !== JSON.stringify(facts.configFiles)) {
    errors.push(`k8s ${overlay}: ConfigMap platform-config holds [${keys}] but config/ has [${facts.configFiles}] (config/kustomization.yaml)`);
  }
  const env = [...configMaps].find(([nameWithHash]) => nameWithHash.startsWith('platform-env'))?.[1] ?? {};
  const seataFile = overlay === 'prod' ? 'k8s/overlays/prod/seata/application.yml' : 'deploy/seata/application.yml';
  const [cluster] = seataClusters(repo, [seataFile]);
  if (env.SEATA_CLUSTER !== cluster) errors.push(`k8s ${overlay}: SEATA_CLUSTER ${env.SEATA_CLUSTER} but the coordinator registers as ${cluster} (${seataFile})`);
  return { errors, warnings };
}

export function checkRoutes(facts) {
  return facts.routes.filter((service) => !facts.apps.has(service)).map((service) => `config/gateway.yml: route to lb://${service}, which is no service of the code`);
}

export function checkDashboards(repo) {
  const errors = [];
  const provisioned = parse(readFileSync(join(repo, 'deploy/grafana/provisioning/datasources/datasources.yml'), 'utf8'));
  const uids = new Set(provisioned.datasources.map((source) => source.uid));
  const dir = join(repo, 'deploy/grafana/dashboards');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    let dashboard;
    try {
      dashboard = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      errors.push(`dashboard ${file}: ${error.message}`);
      continue;
    }
    for (const panel of dashboard.panels ?? []) {
      for (const target of [panel, ...(panel.targets ?? [])]) {
        const uid = target.datasource?.uid;
        if (uid && !uids.has(uid)) errors.push(`dashboard ${file} panel "${panel.title}": unknown datasource uid ${uid}`);
      }
      if (!(panel.targets ?? []).every((target) => target.expr?.trim())) errors.push(`dashboard ${file} panel "${panel.title}": empty query`);
    }
  }
  return errors;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [repo, composeFile, ...overlays] = process.argv.slice(2);
  const facts = codeFacts(repo);
  const results = [checkCompose(repo, parse(readFileSync(composeFile, 'utf8')), facts)];
  for (const argument of overlays) {
    const [overlay, file] = argument.split('=');
    results.push(checkOverlay(repo, overlay, parseManifests(readFileSync(file, 'utf8')), facts));
  }
  const errors = [...results.flatMap((r) => r.errors), ...checkRoutes(facts), ...checkDashboards(repo)];
  for (const warning of new Set(results.flatMap((r) => r.warnings))) console.log(`note: ${warning}`);
  for (const error of errors) console.error(`DRIFT ${error}`);
  console.log(`drift: ${facts.apps.size} services, ${facts.configFiles.length} config documents, ` +
    `${new Set([...facts.variables.values()].flatMap((s) => [...s])).size} variables, compose + ${overlays.length} overlays: ${errors.length} problems`);
  process.exit(errors.length ? 1 : 0);
}
