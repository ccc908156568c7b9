{{/*
Names, labels and the per-workload choices, defined once for every template.
*/}}

{{/* The chart name, or nameOverride. */}}
{{- define "otel-demo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The full name of every object: fullnameOverride, else the release name when it already
contains the chart name (release `otel-demo` gives `otel-demo`), else release-chart.
*/}}
{{- define "otel-demo.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* chart-version, for the helm.sh/chart label. */}}
{{- define "otel-demo.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "otel-demo.labels" -}}
helm.sh/chart: {{ include "otel-demo.chart" . }}
{{ include "otel-demo.selectorLabels" . }}
app.kubernetes.io/version: {{ include "otel-demo.imageTag" . | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/component: {{ .Values.workload }}
app.kubernetes.io/part-of: otelctl
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The labels the Service, HPA and PDB select pods by: never change across upgrades. */}}
{{- define "otel-demo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "otel-demo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The service account the pods run as. */}}
{{- define "otel-demo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "otel-demo.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The selected workload's defaults (workloads.otelctl or workloads.flask). */}}
{{- define "otel-demo.workload" -}}
{{- $w := index .Values.workloads .Values.workload }}
{{- if not $w }}
{{- fail (printf "workload %q has no entry under workloads" .Values.workload) }}
{{- end }}
{{- toYaml $w }}
{{- end }}

{{/* image.tag, else the workload's tag, else appVersion. */}}
{{- define "otel-demo.imageTag" -}}
{{- $w := include "otel-demo.workload" . | fromYaml }}
{{- .Values.image.tag | default $w.tag | default .Chart.AppVersion | toString }}
{{- end }}

{{/* repository:tag of the selected workload, image.* winning. */}}
{{- define "otel-demo.image" -}}
{{- $w := include "otel-demo.workload" . | fromYaml }}
{{- $repo := .Values.image.repository | default $w.repository }}
{{- printf "%s:%s" $repo (include "otel-demo.imageTag" .) }}
{{- end }}

{{/* OTEL_SERVICE_NAME: otel.serviceName, else the full name. */}}
{{- define "otel-demo.serviceName" -}}
{{- .Values.otel.serviceName | default (include "otel-demo.fullname" .) }}
{{- end }}

{{/* OTEL_RESOURCE_ATTRIBUTES from a map: key=value pairs, sorted, comma-separated. */}}
{{- define "otel-demo.resourceAttributes" -}}
{{- $pairs := list }}
{{- range $k, $v := . }}
{{- $pairs = append $pairs (printf "%s=%s" $k (toString $v)) }}
{{- end }}
{{- join "," $pairs }}
{{- end }}

{{/*
The ALB's settings as Ingress annotations; ingress.annotations win over the chart's
(one map, so a key is never written twice).
*/}}
{{- define "otel-demo.ingressAnnotations" -}}
{{- $in := .Values.ingress }}
{{- $a := dict
  "alb.ingress.kubernetes.io/scheme" $in.scheme
  "alb.ingress.kubernetes.io/target-type" $in.targetType
  "alb.ingress.kubernetes.io/healthcheck-path" $in.healthCheckPath
  "alb.ingress.kubernetes.io/healthcheck-port" "traffic-port"
  "alb.ingress.kubernetes.io/success-codes" "200"
  "alb.ingress.kubernetes.io/listen-ports" "[{\"HTTP\": 80}]" }}
{{- with $in.certificateArn }}
{{- $_ := set $a "alb.ingress.kubernetes.io/certificate-arn" . }}
{{- $_ := set $a "alb.ingress.kubernetes.io/listen-ports" "[{\"HTTP\": 80}, {\"HTTPS\": 443}]" }}
{{- $_ := set $a "alb.ingress.kubernetes.io/ssl-redirect" "443" }}
{{- end }}
{{- with $in.groupName }}
{{- $_ := set $a "alb.ingress.kubernetes.io/group.name" . }}
{{- end }}
{{- toYaml (merge (deepCopy ($in.annotations | default dict)) $a) }}
{{- end }}
