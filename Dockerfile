# syntax=docker/dockerfile:1
#
# One image recipe for every service: docker build --build-arg MODULE=<module> .
# The jar comes from the Maven build (./mvnw -B -q package -DskipTests); building it inside Docker would
# resolve the whole reactor (embedded PostgreSQL binaries, the Seata coordinator) once per image for nothing.

ARG JAVA_VERSION=17

# Stage 1: split the Spring Boot fat jar into its layers (dependencies change rarely, the application often),
# so a code change rebuilds and ships only the small last layer.
FROM eclipse-temurin:${JAVA_VERSION}-jre AS layers
ARG MODULE
WORKDIR /build
COPY ${MODULE}/target/${MODULE}.jar app.jar
RUN test -n "${MODULE}" \
 && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# Stage 2: the runtime image.
FROM eclipse-temurin:${JAVA_VERSION}-jre
ARG MODULE
# curl for the container health check (compose); Kubernetes probes use HTTP directly.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
# least to most frequently changed, one image layer each
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
# numeric ids, so Kubernetes can verify runAsNonRoot without resolving names
USER 10001:10001

ENV SERVER_PORT=8080
# Container-aware memory: the heap is a share of the container's memory limit (set per service in
# docker-compose.yml and k8s/), the rest is budgeted for metaspace, code cache, thread stacks and direct
# buffers. Serial GC suits one or two CPUs and small heaps; exit on OOM so the orchestrator restarts a sane JVM.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:InitialRAMPercentage=10 -XX:MaxMetaspaceSize=160m \
-XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=64m -Xss512k -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError \
-Djava.security.egd=file:/dev/./urandom"
LABEL org.opencontainers.image.title="microplatform ${MODULE}" \
      org.opencontainers.image.source="microplatform"
EXPOSE 8080
# /tmp is where Tomcat and Netty write; Kubernetes mounts an emptyDir there (read-only root file system).
VOLUME /tmp
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
