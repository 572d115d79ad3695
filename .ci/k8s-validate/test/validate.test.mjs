// Proves the offline checks catch broken deployment files: each test breaks one thing in otherwise valid
// manifests (or the real rendered dev overlay) and expects exactly that to be reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { validate, parseManifests } from '../validate.mjs';
import { checkCompose, checkOverlay, codeFacts } from '../drift.mjs';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

function service(name = 'demo') {
  const container = {
    name,
    image: `microplatform/${name}:dev`,
    ports: [{ name: 'http', containerPort: 8080 }],
    resources: { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '512Mi' } },
    startupProbe: { httpGet: { path: '/actuator/health/liveness', port: 'http' } },
    livenessProbe: { httpGet: { path: '/actuator/health/liveness', port: 'http' } },
    readinessProbe: { httpGet: { path: '/actuator/health/readiness', port: 'http' } },
    securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
  const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': 'service' };
  return [
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'app.kubernetes.io/name': name } },
        template: {
          metadata: { labels },
          spec: { securityContext: { runAsNonRoot: true }, containers: [container], volumes: [{ name: 'tmp', emptyDir: {} }] },
        },
      },
    },
    {
      apiVersion: 'v1', kind: 'Service', metadata: { name },
      spec: { selector: { 'app.kubernetes.io/name': name }, ports: [{ name: 'http', port: 8080, targetPort: 'http' }] },
    },
  ];
}

const deployment = (objects) => objects[0];
const container = (objects) => deployment(objects).spec.template.spec.containers[0];

test('valid manifests pass', () => {
  assert.deepEqual(validate(service()), []);
});

test('a wrong type is caught by the API schema', () => {
  const objects = service();
  deployment(objects).spec.replicas = 'two';
  assert.match(validate(objects).join('\n'), /Deployment\/demo: .*replicas must be integer/);
});

test('a missing required field is caught by the API schema', () => {
  const objects = service();
  delete deployment(objects).spec.selector;
  assert.match(validate(objects).join('\n'), /Deployment\/demo: .*selector/);
});

test('an unknown kind is reported, not skipped', () => {
  assert.match(validate([{ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } }]).join('\n'), /unknown apiVersion\/kind/);
});

test('a container without a memory limit is caught', () => {
  const objects = service();
  delete container(objects).resources.limits;
  assert.deepEqual(validate(objects), ['Deployment/demo: container demo has no memory limit']);
});

test('a service without its readiness probe is caught', () => {
  const objects = service();
  delete container(objects).readinessProbe;
  assert.deepEqual(validate(objects), ['Deployment/demo: container demo has no readinessProbe (HTTP /actuator/health/readiness)']);
});

test('a writable root file system is caught', () => {
  const objects = service();
  container(objects).securityContext.readOnlyRootFilesystem = false;
  assert.deepEqual(validate(objects), ['Deployment/demo: container demo must have a read-only root file system']);
});

test('a Service whose selector matches nothing is caught', () => {
  const objects = service();
  objects[1].spec.selector = { 'app.kubernetes.io/name': 'dmeo' };
  assert.match(validate(objects).join('\n'), /Service\/demo: selector .* matches no pod template/);
});

test('a committed Secret is caught', () => {
  const objects = [...service(), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'postgres-credentials' }, stringData: { password: 'x' } }];
  assert.match(validate(objects).join('\n'), /Secret\/postgres-credentials: Secrets are referenced, never committed/);
});

test('a reference to a missing ConfigMap key is caught', () => {
  const objects = [...service(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'platform-env' }, data: { CONSUL_HOST: 'consul' } }];
  container(objects).env = [{ name: 'CONSUL_PORT', valueFrom: { configMapKeyRef: { name: 'platform-env', key: 'CONSUL_PORT' } } }];
  assert.deepEqual(validate(objects), ['Deployment/demo: container demo env CONSUL_PORT: ConfigMap platform-env has no key CONSUL_PORT']);
});

// The real overlay, rendered as CI renders it, then broken in one place.
const rendered = parseManifests(execFileSync('kubectl', ['kustomize', `${repo}/k8s/overlays/dev`], { encoding: 'utf8' }));
const facts = codeFacts(repo);

test('the rendered dev overlay passes, and breaking its gateway is caught', () => {
  assert.deepEqual(validate(rendered), []);
  const broken = structuredClone(rendered);
  const gateway = broken.find((o) => o.kind === 'Deployment' && o.metadata.name === 'gateway');
  gateway.spec.template.spec.containers[0].livenessProbe.httpGet.port = 'htpp';
  assert.deepEqual(validate(broken), ['Deployment/gateway: container gateway livenessProbe uses port htpp, which the container does not declare']);
});

test('drift: a variable the code reads but k8s does not set is caught', () => {
  const broken = structuredClone(rendered);
  const env = broken.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('platform-env'));
  delete env.data.KAFKA_BOOTSTRAP_SERVERS;
  const { errors } = checkOverlay(repo, 'dev', broken, facts);
  assert.ok(errors.includes('k8s dev Deployment/gateway: gateway reads ${KAFKA_BOOTSTRAP_SERVERS} but it is not set'), errors.join('\n'));
});

test('drift: a service missing from k8s, and a stale one, are caught', () => {
  const broken = structuredClone(rendered).filter((o) => !(o.kind === 'Deployment' && o.metadata.name === 'cache-service'));
  broken.find((o) => o.kind === 'Deployment' && o.metadata.name === 'gateway').metadata.name = 'edge-gateway';
  const { errors } = checkOverlay(repo, 'dev', broken, facts);
  assert.ok(errors.includes('k8s dev: no Deployment for service cache-service'), errors.join('\n'));
  assert.ok(errors.includes('k8s dev Deployment/edge-gateway: no service of the code has this name (stale?)'), errors.join('\n'));
});

test('drift: compose with a stale variable, a local-only one and an unguarded dependency is caught', () => {
  const compose = {
    services: {
      gateway: {
        build: { args: { MODULE: 'gateway' } },
        healthcheck: { test: ['CMD', 'curl', '-fsS', 'http://localhost:8080/actuator/health/readiness'] },
        deploy: { resources: { limits: { memory: '512M' } } },
        ports: [{ published: 8080, target: 8080 }],
        depends_on: { consul: { condition: 'service_started' } },
        environment: {
          ...Object.fromEntries([...facts.variables.get('gateway')].map((v) => [v, 'x'])),
          SERVER_PORT: '8080', SPRING_PROFILES_ACTIVE: 'docker', SEATA_CLUSTER: 'seata-server',
          GATEWAY_THREADS: '8', SEATA_SERVER_ADDRESS: 'seata:8091',
        },
      },
      consul: { healthcheck: { test: ['CMD', 'true'] }, deploy: { resources: { limits: { memory: '128M' } } } },
    },
  };
  const { errors } = checkCompose(repo, compose, facts);
  assert.ok(errors.includes("docker-compose gateway: GATEWAY_THREADS is set but nothing in gateway's code or configuration reads it (stale?)"), errors.join('\n'));
  assert.ok(errors.some((e) => e.startsWith('docker-compose gateway: SEATA_SERVER_ADDRESS must not be set')), errors.join('\n'));
  assert.ok(errors.includes('docker-compose gateway: depends on consul without a health condition (service_started)'), errors.join('\n'));
  assert.ok(errors.includes('docker-compose: inventory-service needs 2 instance(s), has 0'), errors.join('\n'));
});
