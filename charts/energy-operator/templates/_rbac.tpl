{{/*
The operator's API access, in one place: rbac.yaml grants these rules cluster-wide or per watched namespace, and the
install tests read them from the render to check the operator's API calls against them. Least privilege: nothing the
operator does not call.
*/}}

{{/* EnergyBenchmarks and the runner pods they own, in the watched namespaces. */}}
{{- define "energy-operator.benchmarkRules" -}}
- apiGroups: [energy.energyoperator.io]
  resources: [energybenchmarks]
  # patch/update: the operator's finalizer.
  verbs: [get, list, watch, patch, update]
- apiGroups: [energy.energyoperator.io]
  resources: [energybenchmarks/status]
  verbs: [get, update, patch]
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list, watch, create, delete]
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
{{- end }}

{{/* The leader-election Lease, in the operator's own namespace only. */}}
{{- define "energy-operator.leaseRules" -}}
- apiGroups: [coordination.k8s.io]
  resources: [leases]
  verbs: [get, create, update]
{{- end }}
