{{/* The chart's name, cut to 63 characters (the limit of a label value). */}}
{{- define "energy-operator.name" -}}
{{ .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of every object of the release: the release name unless fullnameOverride is set. */}}
{{- define "energy-operator.fullname" -}}
{{ default .Release.Name .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels the Deployment selects its pods by: they never change across upgrades. */}}
{{- define "energy-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "energy-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "energy-operator.labels" -}}
{{ include "energy-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: energy-operator
{{- end }}
