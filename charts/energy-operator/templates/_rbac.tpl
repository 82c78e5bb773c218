{{/*
The operator's API access, in one place: rbac.yaml grants these rules cluster-wide or per watched namespace. The install
tests check the render equals operator/EnergyOperator.Operator/Hosting/OperatorPermissions.cs, and the operator's tests
check every request it makes stays within that list. Least privilege: nothing the operator does not call.
*/}}

{{/* EnergyBenchmarks and the runner pods they own, in the watched namespaces. */}}
{{- define "energy-operator.benchmarkRules" -}}
- apiGroups: [energy.energyoperator.io]
  resources: [energybenchmarks]
  verbs: [get, list, watch]
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
