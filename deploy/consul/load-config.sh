#!/bin/sh
# Loads the platform's configuration into Consul KV: <dir>/<name>.yml -> key config/<name>/data, the layout
# Spring Cloud Consul reads (prefix config, data key data, format YAML; see platform-starter's platform.yml).
# Used by docker-compose (one-shot service) and by Kubernetes (the consul-config-loader Deployment).
# Idempotent: putting the same content again changes nothing the services' watches would act on.
# POSIX sh, because it runs in the consul image.
set -eu
dir="${1:?usage: load-config.sh <config dir>}"
: "${CONSUL_HTTP_ADDR:?CONSUL_HTTP_ADDR must point at Consul (host:port)}"

# A freshly started Consul refuses writes until it has a leader: retry each put, bounded.
put() {
  attempt=1
  until consul kv put "$1" "@$2" >/dev/null; do
    [ "$attempt" -ge 30 ] && { echo "Consul at $CONSUL_HTTP_ADDR refused $1" >&2; return 1; }
    attempt=$((attempt + 1))
    sleep 2
  done
}

count=0
for file in "$dir"/*.yml; do
  [ -f "$file" ] || continue
  name="$(basename "$file" .yml)"
  put "config/$name/data" "$file"
  echo "loaded $file -> config/$name/data"
  count=$((count + 1))
done
[ "$count" -gt 0 ] || { echo "no *.yml in $dir" >&2; exit 1; }
echo "$count configuration documents in Consul KV"
