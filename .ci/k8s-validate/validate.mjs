// Validates rendered Kubernetes manifests offline (no cluster): every object against the API schema of its
// kind (kubernetes-models), then the platform's own rules that a schema cannot express (limits, probes,
// non-root read-only pods, references between objects, no Secret values).
//
//   node validate.mjs <rendered.yaml>...      prints each problem, exits 1 if there is any
//
// kubernetes-models catches wrong types and missing required fields, not misspelled field names; the
// reference rules below catch most of what a misspelling breaks (a selector, a port name, a ConfigMap key).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const require = createRequire(import.meta.url);

/** Parses a multi-document YAML text into plain objects, skipping empty documents. */
export function parseManifests(text) {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length) throw new Error(`YAML: ${doc.errors[0].message}`);
      return doc.toJS();
    })
    .filter((object) => object != null);
}

function modelFor(apiVersion, kind) {
  if (!/^[a-z0-9.]*\/?v[0-9a-z]+$/.test(apiVersion ?? '') || !/^[A-Z][A-Za-z]+$/.test(kind ?? '')) return null;
  try {
    return require(`kubernetes-models/${apiVersion}/${kind}`)[kind];
  } catch {
    return null;
  }
}

const name = (object) => `${object.kind}/${object.metadata?.name ?? '?'}`;

/** Schema validation: one problem per object that its API schema rejects or whose kind is unknown. */
export function schemaProblems(objects) {
  const problems = [];
  for (const object of objects) {
    const Model = modelFor(object.apiVersion, object.kind);
    if (!Model) {
      problems.push(`${name(object)}: unknown apiVersion/kind ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      problems.push(`${name(object)}: ${error.message}`);
    }
  }
  return problems;
}

const workloadKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

function matches(selector, labels) {
  const wanted = Object.entries(selector ?? {});
  return wanted.length > 0 && wanted.every(([key, value]) => labels?.[key] === value);
}

/** The platform's rules over the whole set of objects (one overlay). */
export function ruleProblems(objects) {
  const problems = [];
  const problem = (object, text) => problems.push(`${name(object)}: ${text}`);
  const byKind = (kind) => objects.filter((object) => object.kind === kind);
  const workloads = objects.filter((object) => workloadKinds.has(object.kind));
  const configMaps = new Map(byKind('ConfigMap').map((map) => [map.metadata.name, map.data ?? {}]));

  for (const secret of byKind('Secret')) {
    problem(secret, 'Secrets are referenced, never committed: create it at install time (README)');
  }

  for (const workload of workloads) {
    const pod = workload.spec?.template?.spec ?? {};
    const isService = workload.spec?.template?.metadata?.labels?.['app.kubernetes.io/component'] === 'service';
    const containers = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
    const volumes = new Map((pod.volumes ?? []).map((volume) => [volume.name, volume]));

    for (const container of containers) {
      const where = `container ${container.name}`;
      const resources = container.resources ?? {};
      if (!resources.requests?.memory) problem(workload, `${where} has no memory request`);
      if (!resources.limits?.memory) problem(workload, `${where} has no memory limit`);

      for (const source of container.envFrom ?? []) {
        const ref = source.configMapRef?.name;
        if (ref && !configMaps.has(ref)) problem(workload, `${where} reads ConfigMap ${ref}, which is not rendered`);
      }
      for (const variable of container.env ?? []) {
        const ref = variable.valueFrom?.configMapKeyRef;
        if (!ref) continue;
        if (!configMaps.has(ref.name)) problem(workload, `${where} env ${variable.name}: ConfigMap ${ref.name} is not rendered`);
        else if (!(ref.key in configMaps.get(ref.name))) problem(workload, `${where} env ${variable.name}: ConfigMap ${ref.name} has no key ${ref.key}`);
      }
      for (const mount of container.volumeMounts ?? []) {
        if (!volumes.has(mount.name) && !(workload.spec.volumeClaimTemplates ?? []).some((claim) => claim.metadata?.name === mount.name)) {
          problem(workload, `${where} mounts ${mount.name}, which is no volume of the pod`);
        }
      }
    }
    for (const volume of volumes.values()) {
      if (volume.configMap && !configMaps.has(volume.configMap.name)) problem(workload, `volume ${volume.name}: ConfigMap ${volume.configMap.name} is not rendered`);
    }

    if (!isService) continue;
    // the services: probes from actuator, non-root read-only pods with a writable /tmp
    if (pod.securityContext?.runAsNonRoot !== true) problem(workload, 'pod must set securityContext.runAsNonRoot: true');
    for (const container of containers) {
      const where = `container ${container.name}`;
      if (container.securityContext?.readOnlyRootFilesystem !== true) problem(workload, `${where} must have a read-only root file system`);
      if (container.securityContext?.allowPrivilegeEscalation !== false) problem(workload, `${where} must forbid privilege escalation`);
    }
    for (const container of pod.containers ?? []) {
      const where = `container ${container.name}`;
      const ports = new Set((container.ports ?? []).flatMap((port) => [port.name, port.containerPort]));
      const expected = { startupProbe: '/actuator/health/liveness', livenessProbe: '/actuator/health/liveness', readinessProbe: '/actuator/health/readiness' };
      for (const [probe, path] of Object.entries(expected)) {
        const get = container[probe]?.httpGet;
        if (!get) problem(workload, `${where} has no ${probe} (HTTP ${path})`);
        else {
          if (get.path !== path) problem(workload, `${where} ${probe} checks ${get.path}, expected ${path}`);
          if (!ports.has(get.port)) problem(workload, `${where} ${probe} uses port ${get.port}, which the container does not declare`);
        }
      }
      const tmp = (container.volumeMounts ?? []).find((mount) => mount.mountPath === '/tmp');
      if (!tmp || !volumes.get(tmp.name)?.emptyDir) problem(workload, `${where} needs an emptyDir mounted at /tmp (read-only root file system)`);
    }
  }

  const podLabelsOf = (object) => object.spec?.template?.metadata?.labels;
  for (const service of byKind('Service')) {
    const targets = workloads.filter((workload) => matches(service.spec?.selector, podLabelsOf(workload)));
    if (!targets.length) {
      problem(service, `selector ${JSON.stringify(service.spec?.selector)} matches no pod template`);
      continue;
    }
    for (const port of service.spec?.ports ?? []) {
      if (typeof port.targetPort !== 'string') continue;
      const declared = targets.some((workload) => (workload.spec.template.spec.containers ?? []).some((container) => (container.ports ?? []).some((p) => p.name === port.targetPort)));
      if (!declared) problem(service, `targetPort ${port.targetPort} is no named container port of the selected pods`);
    }
  }
  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const ref = hpa.spec?.scaleTargetRef ?? {};
    if (!objects.some((object) => object.kind === ref.kind && object.metadata?.name === ref.name)) problem(hpa, `scales ${ref.kind}/${ref.name}, which is not rendered`);
  }
  for (const pdb of byKind('PodDisruptionBudget')) {
    if (!workloads.some((workload) => matches(pdb.spec?.selector?.matchLabels, podLabelsOf(workload)))) problem(pdb, 'selector matches no pod template');
  }
  const services = new Map(byKind('Service').map((service) => [service.metadata.name, service]));
  for (const ingress of byKind('Ingress')) {
    for (const rule of ingress.spec?.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend?.service;
        const service = services.get(backend?.name);
        if (!service) problem(ingress, `backend Service ${backend?.name} is not rendered`);
        else if (!(service.spec.ports ?? []).some((port) => port.name === backend.port?.name || port.port === backend.port?.number)) {
          problem(ingress, `backend Service ${backend.name} has no port ${backend.port?.name ?? backend.port?.number}`);
        }
      }
    }
  }
  return problems;
}

export function validate(objects) {
  return [...schemaProblems(objects), ...ruleProblems(objects)];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    const objects = parseManifests(readFileSync(file, 'utf8'));
    const problems = validate(objects);
    for (const text of problems) console.error(`${file}: ${text}`);
    console.log(`${file}: ${objects.length} objects, ${problems.length} problems`);
    failed ||= problems.length > 0 || objects.length === 0;
  }
  process.exit(failed ? 1 : 0);
}
